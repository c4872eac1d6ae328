import { fromBinary } from '@bufbuild/protobuf';
import { aesCtr } from './aes-ctr.js';
import { BROADCAST_NODE } from './broadcast-node.js';
import type { Decryption } from './envelope-result.js';
import type { PacketFields } from './envelope-fields.js';
import { isProtobufWire } from './is-protobuf-wire.js';
import type { KeyRing } from './key-ring.js';
import type { DataFields } from './payloads/dispatch-payload.js';
import { Mesh } from './protobufs.js';
import { readData } from './read-data.js';

/** A packet's content, and how it was obtained. */
export type OpenedPacket =
  | {
      readonly decryption: 'plain';
      readonly data: DataFields;
      readonly keyIndex: null;
      readonly plaintext: null;
    }
  | {
      readonly decryption: 'decrypted';
      readonly data: DataFields;
      readonly keyIndex: number;
      /** The decrypted bytes: the serialized `Data`. */
      readonly plaintext: Uint8Array;
    }
  | {
      readonly decryption: Extract<Decryption, 'pki' | 'undecryptable'>;
      readonly data: null;
      readonly keyIndex: null;
      readonly plaintext: null;
    };

/** Where a packet came from, for the key choice. */
export interface OpenPacketOptions {
  readonly keyRing: KeyRing;
  /** The topic's channel and the envelope's `channel_id`, for the channel hash. */
  readonly channelNames: readonly string[];
}

const PKI: OpenedPacket = Object.freeze({
  decryption: 'pki',
  data: null,
  keyIndex: null,
  plaintext: null,
});
const UNDECRYPTABLE: OpenedPacket = Object.freeze({
  decryption: 'undecryptable',
  data: null,
  keyIndex: null,
  plaintext: null,
});

/**
 * Gets a packet's `Data`: as sent when it carries `decoded`; otherwise by AES-CTR with the keys
 * whose channel hash matches `MeshPacket.channel` first, then the others, accepting a result
 * only if it parses as `Data` with a portnum other than 0 (a wrong key can still parse).
 * PKI packets (flagged `pki_encrypted`, on the `PKI` channel, or a direct message on hash 0 that
 * no key fits) are AES-CCM with a node's private key: recognised, not tried.
 */
export function openPacket(packet: PacketFields, options: OpenPacketOptions): OpenedPacket {
  const variant = packet.payloadVariant;
  if (variant.case === 'decoded') {
    return { decryption: 'plain', data: variant.value, keyIndex: null, plaintext: null };
  }
  if (variant.case !== 'encrypted') return UNDECRYPTABLE;
  if (packet.pkiEncrypted || options.channelNames.includes('PKI')) return PKI;
  const candidates = options.keyRing.candidates(packet.channel, options.channelNames);
  for (const key of candidates.keys) {
    const plaintext = aesCtr(key.key, packet.id, packet.from, variant.value);
    const data = parseData(plaintext);
    if (data !== null) return { decryption: 'decrypted', data, keyIndex: key.index, plaintext };
  }
  // The firmware sends PKI direct messages with channel 0 (Router::perhapsDecode): never to
  // broadcast.
  if (packet.channel === 0 && candidates.matched === 0 && packet.to !== BROADCAST_NODE) return PKI;
  return UNDECRYPTABLE;
}

// The hand-written reader decides well-formed plaintexts; protobuf-es what it leaves.
function parseData(plaintext: Uint8Array): DataFields | null {
  const read = readData(plaintext);
  if (read !== undefined) return read.portnum === 0 ? null : read;
  if (!isProtobufWire(plaintext)) return null;
  try {
    const data = fromBinary(Mesh.DataSchema, plaintext);
    return data.portnum === 0 ? null : data;
  } catch {
    return null;
  }
}
