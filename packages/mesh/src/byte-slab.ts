// Slabs of this size are carved into the arrays; bigger requests get arrays of their own.
const SLAB_SIZE = 64 * 1024;
const MAX_CARVED = 4 * 1024;

let slab = new ArrayBuffer(SLAB_SIZE);
let used = 0;

/**
 * A zero-filled array of `length` bytes that is a view into a shared slab, for the many small
 * arrays the ingest path makes (stored payloads, plaintexts, traceroute routes): allocating each
 * its own buffer costs microseconds (a backing store the garbage collector tracks), a view into
 * a slab a fraction of that (Node's `Buffer.allocUnsafe` pools the same way). A slab lives as
 * long as any view into it; records are written and dropped within a batch, so few are held.
 * Users that reach for `.buffer` must honour `byteOffset` and `byteLength`.
 */
export function allocateBytes(length: number): Uint8Array {
  if (length > MAX_CARVED) return new Uint8Array(length);
  if (used + length > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE);
    used = 0;
  }
  const bytes = new Uint8Array(slab, used, length);
  used += (length + 7) & ~7; // 8-byte aligned, as a fresh buffer would be
  return bytes;
}

/** A copy of `source` in a slab (see {@link allocateBytes}). */
export function copyBytes(source: Uint8Array): Uint8Array {
  const copy = allocateBytes(source.length);
  copy.set(source);
  return copy;
}
