import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '#test/tmp.js';

interface PublisherReport {
  readonly sent: number;
  readonly errors: number;
  readonly acked: readonly number[];
  readonly done: boolean;
}

/**
 * QoS 1 envelopes at `rate` a second with packet ids `base`, `base + 1`, …, published by a
 * process of its own (soak-publisher-main.ts), so that building them does not starve the test's
 * event loop; the acknowledged ids are kept here as they are reported.
 */
export class SoakPublisher {
  sent = 0;
  errors = 0;
  readonly acked: number[] = [];
  readonly #child: ChildProcess;
  readonly #done: Promise<void>;

  constructor(url: string, topic: string, base: number, rate: number) {
    const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const main = join(repoRoot, 'test', 'faults', 'support', 'soak-publisher-main.ts');
    this.#child = spawn(process.execPath, [tsx, main, url, topic, String(base), String(rate)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#done = new Promise((resolve, reject) => {
      this.#child.on('message', (message: PublisherReport) => {
        this.sent = message.sent;
        this.errors = message.errors;
        for (const id of message.acked) this.acked.push(id);
        if (message.done) resolve();
      });
      this.#child.once('exit', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`the soak publisher exited with code ${code}`));
      });
    });
  }

  /** Stops publishing and waits for the answers still due (up to a minute). */
  async stop(): Promise<void> {
    if (this.#child.connected) this.#child.send('stop');
    await this.#done;
  }
}
