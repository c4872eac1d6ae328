import { create, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { createCipheriv } from 'node:crypto';
import { Mesh } from '@meshview/mesh';

/** The fields of a `Data` message. */
export type DataInit = MessageInitShape<typeof Mesh.DataSchema>;

/** The key and nonce inputs of one packet's encryption. */
export interface EncryptionSpec {
  readonly key: Uint8Array;
  readonly id: number;
  readonly from: number;
}

/**
 * Encrypts a `Data` (or raw plaintext) as a Meshtastic node does: AES-CTR, AES-128 or AES-256 by
 * key length, nonce = packet id (uint64 LE) ‖ sender (uint32 LE) ‖ 4 zero bytes. Done with
 * node:crypto, independently of packages/mesh's own AES-CTR.
 */
export function encryptData(
  data: DataInit | Uint8Array,
  { key, id, from }: EncryptionSpec,
): Uint8Array {
  const plaintext =
    data instanceof Uint8Array ? data : toBinary(Mesh.DataSchema, create(Mesh.DataSchema, data));
  const nonce = Buffer.alloc(16);
  nonce.writeBigUInt64LE(BigInt(id), 0);
  nonce.writeUInt32LE(from, 8);
  const cipher = createCipheriv(key.length === 32 ? 'aes-256-ctr' : 'aes-128-ctr', key, nonce);
  return new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final()]));
}
