/** Where {@link RefusedSubscriptionLog} writes (the writer's pino logger fits). */
export interface WarnLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** The line's message: what happened and what to do about it. */
export const REFUSED_SUBSCRIPTION_MESSAGE =
  'embedded broker: refused a subscription without credentials (SUBACK 0x80). To let a client ' +
  'read the traffic, set [mqtt] username and password and give them to it; or set [mqtt] ' +
  'allow_anonymous_subscribe = true (then anyone who reaches the port can read it)';

/**
 * Logs the subscriptions the embedded broker refuses, naming the client id and the topic filter,
 * without letting a client that retries (or many of them) flood the log: the first refusal is
 * logged at once, then at most one line per `intervalMs`, which counts the refusals it stands for
 * (`refused`, itself included).
 *
 * @example
 * const refusals = new RefusedSubscriptionLog({ logger });
 * refusals.record(client.id, sub.topic);
 */
export class RefusedSubscriptionLog {
  readonly #logger: WarnLogger;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #lastLoggedAt = -Infinity;
  #unlogged = 0;

  constructor(props: {
    readonly logger: WarnLogger;
    /** At most one line per this many milliseconds; 60 s by default. */
    readonly intervalMs?: number;
    /** The clock, in milliseconds; `Date.now` by default. */
    readonly now?: () => number;
  }) {
    this.#logger = props.logger;
    this.#intervalMs = props.intervalMs ?? 60_000;
    this.#now = props.now ?? Date.now;
  }

  /** Counts one refused subscription, and logs it unless a line was written too recently. */
  record(clientId: string, filter: string): void {
    this.#unlogged += 1;
    const now = this.#now();
    if (now - this.#lastLoggedAt < this.#intervalMs) return;
    this.#logger.warn({ clientId, filter, refused: this.#unlogged }, REFUSED_SUBSCRIPTION_MESSAGE);
    this.#lastLoggedAt = now;
    this.#unlogged = 0;
  }
}
