/**
 * The default channel key (`AQ==` expanded), written out rather than taken from packages/mesh, so
 * that envelopes built here check the mesh package against the protocol, not against itself.
 */
export const DEFAULT_KEY: Uint8Array = Buffer.from('d4f1bb3a20290759f0bcffabcf4e6901', 'hex');

/** A channel key that no key ring of the tests or benchmarks holds: its packets stay sealed. */
export const SECRET_KEY: Uint8Array = Uint8Array.from({ length: 16 }, (_, i) => 0x40 + i);
