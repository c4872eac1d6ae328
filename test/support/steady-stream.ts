import { setTimeout as sleep } from 'node:timers/promises';
import type { MqttClient } from 'mqtt';
import { freshPacketId, textEnvelope } from '@meshview/sim';

/**
 * A QoS 1 publisher that keeps a window of messages in flight, each a new packet, and counts
 * those the broker acknowledged (and keeps their packet ids). A publish made while the broker is
 * away waits in the client and counts once the broker acknowledges it after a reconnect.
 */
export class SteadyStream {
  /** Messages published. */
  sent = 0;
  /** Messages the broker acknowledged (PUBACK) while counting. */
  acked = 0;
  /** The packet ids of the acknowledged messages. */
  readonly ackedIds: number[] = [];
  #running = true;
  #counting = true;
  readonly #pending = new Set<Promise<boolean>>();
  readonly #loops: Promise<void>;

  constructor(client: MqttClient, topic: string, window = 50) {
    const one = (): Promise<boolean> => {
      const sent = new Promise<boolean>((resolve) => {
        const id = freshPacketId();
        const payload = Buffer.from(textEnvelope('steady', { id }));
        this.sent += 1;
        client.publish(topic, payload, { qos: 1 }, (error) => {
          if (!error && this.#counting) {
            this.acked += 1;
            this.ackedIds.push(id);
          }
          resolve(!error);
        });
      });
      this.#pending.add(sent);
      void sent.then(() => this.#pending.delete(sent));
      return sent;
    };
    this.#loops = Promise.all(
      Array.from({ length: window }, async () => {
        // A publish the broker never answers (it stopped reading) ends the loop after a while.
        while (this.#running) {
          const ok = await Promise.race([one(), sleep(3000, false)]);
          if (!ok) await sleep(200); // refused or unanswered: do not spin
        }
      }),
    ).then(() => undefined);
  }

  /**
   * Stops publishing, waits up to `graceMs` for the answers still due, and stops counting: an
   * acknowledgement that comes later than that is not counted.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.#running = false;
    await Promise.race([Promise.all([this.#loops, ...this.#pending]), sleep(graceMs)]);
    this.#counting = false;
  }
}
