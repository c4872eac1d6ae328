import { setTimeout as sleep } from 'node:timers/promises';
import type { MqttClient } from 'mqtt';
import { freshPacketId, textEnvelope } from '@meshview/sim';

/** Unanswered publishes at most; below MQTT's 65,535 packet ids. */
const MAX_OUTSTANDING = 60_000;

/** A message ready to publish: its packet id and the envelope's bytes. */
export interface PreparedMessage {
  readonly id: number;
  readonly payload: Buffer;
}

/**
 * `count` TEXT_MESSAGE_APP envelopes, encrypted with the default key, each a new packet. Built
 * ahead of the stream: building one costs more CPU than publishing it.
 */
export function prepareMessages(count: number): PreparedMessage[] {
  return Array.from({ length: count }, () => {
    const id = freshPacketId();
    return { id, payload: Buffer.from(textEnvelope('load', { id })) };
  });
}

/**
 * An open-loop QoS 1 publisher: it publishes `rate` of the prepared messages a second (in slices
 * of `tickMs`), whatever the broker and the writer do with them, until they run out or `stop`,
 * and keeps the packet ids the broker acknowledged. When the event loop falls behind it catches
 * up by at most `rate / 4` messages a slice, and it waits while 60,000 publishes are unanswered,
 * so `sentPerSecond` shows what it managed, not what it was asked.
 */
export class OpenLoopStream {
  /** Messages published. */
  sent = 0;
  /** Messages the broker acknowledged (PUBACK) while counting. */
  acked = 0;
  /** Publishes that failed (the client reported an error). */
  failed = 0;
  /** The packet ids of the acknowledged messages. */
  readonly ackedIds: number[] = [];
  readonly #client: MqttClient;
  readonly #topic: string;
  readonly #messages: readonly PreparedMessage[];
  readonly #perSecond: number[] = [];
  readonly #startedAt = performance.now();
  readonly #timer: NodeJS.Timeout;
  #lastSentAt: number | undefined;
  #stoppedAt: number | undefined;
  #counting = true;
  #outstanding = 0;
  #settled: (() => void) | undefined;

  constructor(
    client: MqttClient,
    topic: string,
    messages: readonly PreparedMessage[],
    rate: number,
    tickMs = 10,
  ) {
    this.#client = client;
    this.#topic = topic;
    this.#messages = messages;
    const burst = Math.max(1, Math.ceil(rate / 4));
    this.#timer = setInterval(() => {
      const elapsedMs = performance.now() - this.#startedAt;
      const due = Math.min(Math.floor((rate * elapsedMs) / 1000), messages.length) - this.sent;
      // MQTT's packet ids are 16 bits: past 65,535 unanswered publishes mqtt.js would reuse the
      // id (and drop the callback) of one still waiting. A broker that far behind holds us back.
      const room = MAX_OUTSTANDING - this.#outstanding;
      for (let i = 0; i < Math.min(due, burst, room); i++) this.#publishOne(elapsedMs);
    }, tickMs);
  }

  /** Seconds from the start to the last publish (or to now while it publishes). */
  get seconds(): number {
    const end = this.#stoppedAt === undefined ? performance.now() : this.#lastSentAt;
    return ((end ?? this.#startedAt) - this.#startedAt) / 1000;
  }

  /** Messages published in each whole second since the start (the last, partial one left out). */
  get sentPerSecond(): number[] {
    return Array.from({ length: Math.floor(this.seconds) }, (_, i) => this.#perSecond[i] ?? 0);
  }

  /**
   * Stops publishing, waits up to `graceMs` for the acknowledgements still due, and stops
   * counting: one that comes later than that is not counted.
   */
  async stop(graceMs = 30_000): Promise<void> {
    clearInterval(this.#timer);
    this.#stoppedAt ??= performance.now();
    if (this.#outstanding > 0) {
      await Promise.race([
        new Promise<void>((resolve) => (this.#settled = resolve)),
        sleep(graceMs),
      ]);
    }
    this.#counting = false;
  }

  #publishOne(elapsedMs: number): void {
    const { id, payload } = this.#messages[this.sent]!;
    const second = Math.floor(elapsedMs / 1000);
    this.#perSecond[second] = (this.#perSecond[second] ?? 0) + 1;
    this.sent += 1;
    this.#outstanding += 1;
    this.#lastSentAt = performance.now();
    if (this.sent === this.#messages.length) {
      // All sent: the stream ends here, and `seconds` with it.
      clearInterval(this.#timer);
      this.#stoppedAt = this.#lastSentAt;
    }
    this.#client.publish(this.#topic, payload, { qos: 1 }, (error) => {
      this.#outstanding -= 1;
      if (error) this.failed += 1;
      else if (this.#counting) {
        this.acked += 1;
        this.ackedIds.push(id);
      }
      if (this.#outstanding === 0) this.#settled?.();
    });
  }
}
