let lastId = 0x1000;

/**
 * A packet id not used before in this process: the same sequence on every run, so the envelopes
 * that use it are deterministic as long as they are built in the same order.
 */
export function freshPacketId(): number {
  lastId += 1;
  return lastId;
}
