import type { Client } from 'pg';
import type { PostgresTarget } from '../connection-target.js';
import { toPgConnectionString } from './to-pg-connection-string.js';

/** What a {@link PostgresListener} listens to and whom it tells. */
export interface PostgresListenerProps {
  readonly target: PostgresTarget;
  /** A plain lower-case identifier, such as `meshview_packets`. */
  readonly channel: string;
  /**
   * Called for each notification on the channel, and once after each reconnection (what was
   * sent while the connection was down is lost, so the caller should look again).
   */
  readonly onNotification: () => void;
  /** Told when connecting fails or the connection is lost; the listener tries again. */
  readonly onError?: (error: Error) => void;
  /** The first wait before trying again, doubled up to `maxRetryDelayMs`; 500 ms by default. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * `LISTEN`s on a PostgreSQL channel over a connection of its own (a pooled one would be handed to
 * other queries), and reconnects, with backoff, when the connection fails or is lost. The session
 * is read-only: `LISTEN` needs no privilege beyond `CONNECT` and works in a read-only session,
 * but not on a hot standby, where the listener keeps failing and the caller's polling does the
 * work.
 *
 * @example
 * const listener = new PostgresListener({ target, channel: NEW_PACKETS_CHANNEL, onNotification: poll });
 * await listener.start();
 * // …
 * await listener.stop();
 */
export class PostgresListener {
  readonly #props: PostgresListenerProps;
  #client: Client | undefined;
  #timer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #running = false;
  #listening = false;

  constructor(props: PostgresListenerProps) {
    if (!CHANNEL.test(props.channel)) {
      throw new TypeError(`not a plain channel name: ${JSON.stringify(props.channel)}`);
    }
    this.#props = props;
  }

  /** Whether the channel is listened to now. */
  get listening(): boolean {
    return this.#listening;
  }

  /**
   * Connects and listens; resolves once the first attempt succeeded (true) or failed (false:
   * it keeps trying in the background until `stop`).
   */
  async start(): Promise<boolean> {
    if (this.#running) return this.#listening;
    this.#running = true;
    this.#attempt = 0;
    return this.#connect();
  }

  /** Stops listening and closes the connection; `start` may be called again later. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const client = this.#client;
    this.#client = undefined;
    this.#listening = false;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<boolean> {
    const { default: pg } = await import('pg');
    const client = new pg.Client({
      connectionString: toPgConnectionString(this.#props.target, {
        extraOptions: '-c default_transaction_read_only=on',
      }),
      // A connection that died without a word (a dropped network path) is noticed.
      keepAlive: true,
    });
    this.#client = client;
    let lost = false;
    const onLost = (error: Error): void => {
      if (lost || this.#client !== client) return;
      lost = true;
      this.#client = undefined;
      this.#listening = false;
      void client.end().catch(() => {});
      this.#props.onError?.(error);
      this.#retry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('the LISTEN connection was closed')));
    client.on('notification', (message) => {
      if (message.channel === this.#props.channel) this.#props.onNotification();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.#props.channel}`);
    } catch (error) {
      onLost(error as Error);
      return false;
    }
    if (this.#client !== client) return false;
    this.#listening = true;
    // Notifications sent before this LISTEN (while reconnecting) are lost: look again.
    if (this.#attempt > 0) this.#props.onNotification();
    this.#attempt = 0;
    return true;
  }

  #retry(): void {
    if (!this.#running) return;
    const base = this.#props.retryDelayMs ?? 500;
    const delay = Math.min(base * 2 ** this.#attempt, this.#props.maxRetryDelayMs ?? 30_000);
    this.#attempt += 1;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#running) void this.#connect();
    }, delay);
  }
}
