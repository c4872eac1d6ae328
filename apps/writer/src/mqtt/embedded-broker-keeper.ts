import type { Logger } from '@meshview/log';
import { backoffDelay } from './backoff.js';
import { BrokerPortInUseError } from './broker-errors.js';
import {
  startEmbeddedBroker,
  type EmbeddedBroker,
  type EmbeddedBrokerOptions,
} from './embedded-broker.js';

/**
 * Keeps the embedded broker up: when its port is taken (a Mosquitto already running, say), the
 * writer does not stop — it says so, with what to do, and tries the port again (1 s doubling to
 * 60 s) until it is free. Everything else that stops the broker from starting is thrown.
 */
export class EmbeddedBrokerKeeper {
  readonly #options: EmbeddedBrokerOptions;
  readonly #logger: Logger;
  #broker: EmbeddedBroker | undefined;
  #timer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #stopped = false;

  constructor(props: { readonly options: EmbeddedBrokerOptions; readonly logger: Logger }) {
    this.#options = props.options;
    this.#logger = props.logger;
  }

  /** The port it listens on; null while it waits for its port. */
  get port(): number | null {
    return this.#broker?.port ?? null;
  }

  /** Starts the broker, or schedules the next try when its port is taken. */
  async start(): Promise<void> {
    try {
      this.#broker = await startEmbeddedBroker(this.#options);
    } catch (error) {
      if (!(error instanceof BrokerPortInUseError)) throw error;
      const retryInMs = backoffDelay(this.#attempt++, { baseMs: 1000, maxMs: 60_000 });
      this.#logger.error({ code: error.code, retryInMs }, error.message);
      this.#timer = setTimeout(() => {
        if (!this.#stopped) void this.start();
      }, retryInMs);
    }
  }

  /** See `EmbeddedBroker.stop`; also ends the waiting for the port. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#broker?.stop();
  }

  async close(): Promise<void> {
    await this.#broker?.close();
  }
}
