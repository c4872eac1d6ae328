import type { DataFields } from './payloads/dispatch-payload.js';

/**
 * The fields of a `meshtastic.MeshPacket` the ingest path reads. A protobuf-es `Mesh.MeshPacket`
 * is one; so is what the hand-written `readServiceEnvelope` gives.
 */
export interface PacketFields {
  readonly from: number;
  readonly to: number;
  readonly channel: number;
  readonly id: number;
  readonly rxTime: number;
  readonly rxSnr: number;
  readonly hopLimit: number;
  readonly hopStart: number;
  readonly rxRssi: number;
  readonly pkiEncrypted: boolean;
  readonly payloadVariant:
    | { readonly case: 'decoded'; readonly value: DataFields }
    | { readonly case: 'encrypted'; readonly value: Uint8Array }
    | { readonly case: undefined; readonly value?: undefined };
}

/** The fields of a `meshtastic.ServiceEnvelope` the ingest path reads. */
export interface EnvelopeFields {
  readonly packet?: PacketFields | undefined;
  readonly channelId: string;
  readonly gatewayId: string;
}
