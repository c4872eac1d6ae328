import { BROADCAST_NODE } from '@meshview/mesh/facts';

/** `MeshPacket.to` of a broadcast. */
export const BROADCAST = BROADCAST_NODE;

/** The sender used when a spec names none. */
export const DEFAULT_FROM = 0x1a2b3c4d;

/** The gateway used when a spec names none, as it appears in `ServiceEnvelope.gateway_id`. */
export const DEFAULT_GATEWAY = '!0a0b0c0d';

/** Everything about one envelope; only `portnum` and `payload` are required. */
export interface EnvelopeSpec {
  readonly portnum: number;
  readonly payload: Uint8Array;
  /** `MeshPacket.id`; a fresh one (see `freshPacketId`) by default. */
  readonly id?: number;
  readonly from?: number;
  readonly to?: number;
  readonly wantResponse?: boolean;
  readonly requestId?: number;
  readonly replyId?: number;
  readonly bitfield?: number;
  /** `ServiceEnvelope.channel_id`; `LongFast` by default. */
  readonly channelId?: string;
  /** `ServiceEnvelope.gateway_id`; null leaves it out. */
  readonly gatewayId?: string | null;
  /** The key to encrypt with (default: the default key), or `plain` to send `decoded`. */
  readonly encryption?: Uint8Array | 'plain';
  /** The key the channel hash is computed with, when it differs from the encryption key. */
  readonly hashKey?: Uint8Array;
  /** `MeshPacket.channel`; by default the channel hash when encrypted, 0 when plain. */
  readonly channel?: number;
  readonly rxTime?: number;
  readonly rxSnr?: number;
  readonly rxRssi?: number;
  readonly hopLimit?: number;
  readonly hopStart?: number;
  readonly pkiEncrypted?: boolean;
  /** Raw ciphertext to send instead of encrypting the `Data`. */
  readonly ciphertext?: Uint8Array;
}

/** Options of the per-port builders: an {@link EnvelopeSpec} without the port and payload. */
export type EnvelopeOptions = Omit<EnvelopeSpec, 'portnum' | 'payload'>;
