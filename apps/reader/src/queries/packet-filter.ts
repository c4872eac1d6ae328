/** What `/api/packets` narrows the packets to; every field optional. */
export interface PacketFilter {
  readonly packetId?: number;
  /** Only packets imported after this time (µs). */
  readonly since?: number;
  /** Only packets imported before this time (µs): the page of older packets (our addition). */
  readonly before?: number;
  readonly portnum?: number;
  readonly fromNodeId?: number;
  readonly toNodeId?: number;
  /** Sent by or to this node. */
  readonly nodeId?: number;
  /** The envelope's channel name, exactly. */
  readonly channel?: string;
}
