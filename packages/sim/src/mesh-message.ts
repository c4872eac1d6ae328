/** One MQTT message of the simulated mesh: a gateway's envelope and the topic it publishes to. */
export interface MeshMessage {
  readonly topic: string;
  readonly payload: Uint8Array;
}
