/**
 * A per-node message limit over a fixed window (single nodes have flooded public brokers with
 * hundreds of messages a second). `limit` 0 turns it off.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  #windowStart = 0;
  #counts = new Map<number, number>();

  constructor({ limit, windowMs }: { readonly limit: number; readonly windowMs: number }) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Whether a message from `node` at `nowMs` is within the limit (and counts it). */
  allow(node: number, nowMs: number): boolean {
    if (this.#limit <= 0) return true;
    if (nowMs - this.#windowStart >= this.#windowMs) {
      this.#windowStart = nowMs;
      this.#counts = new Map();
    }
    const count = (this.#counts.get(node) ?? 0) + 1;
    this.#counts.set(node, count);
    return count <= this.#limit;
  }
}
