import type { ServerResponse } from 'node:http';
import type { StreamHealth } from '@meshview/api';
import type { DatabaseConnection } from '@meshview/db';
import type { Logger } from '@meshview/log';
import type { PayloadCache } from '../payload/payload-cache.js';
import type { PacketListRow } from '../queries/packet.queries.js';
import {
  newestPacketsQuery,
  streamPollQuery,
  streamResumeQuery,
} from '../queries/stream.queries.js';
import { packetJsonText } from '../routes/api/packet-json.js';
import { RecentEvents } from './recent-events.js';
import { StreamClient } from './stream-client.js';
import { StreamCursor } from './stream-cursor.js';
import { formatStreamEventId, type StreamEventId } from './stream-event-id.js';
import type { StreamEvent } from './stream-event.js';

/** Something that wakes the stream at once when packets were committed (PostgreSQL's LISTEN). */
export interface WakeSource {
  /** Starts listening; resolves when it listens or has failed (it may keep trying). */
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

/** What a {@link PacketStreamHub} reads from and how it paces itself. */
export interface PacketStreamHubProps {
  readonly database: DatabaseConnection;
  /** Shared with `/api/packets`: each packet's payload is rendered once. */
  readonly payloads: PayloadCache;
  /** `[server] stream_poll_ms`. */
  readonly pollMs: number;
  /** `[server] stream_max_buffered_bytes`. */
  readonly maxBufferedBytes: number;
  readonly logger: Logger;
  /** Between keep-alive comments; 15 s by default. */
  readonly keepAliveMs?: number;
  /** The `retry:` the stream tells clients (ms before they reconnect); 3 s by default. */
  readonly retryMs?: number;
  /** Built once, with the function that reads at once; started with the first client. */
  readonly wakeSource?: (wake: () => void) => WakeSource;
}

/** What a client asks for. */
export interface SubscribeOptions {
  /** Resume after this event; `null`: from what the reader reads next. */
  readonly resume: StreamEventId | null;
  /**
   * Takes over the response (Fastify's `reply.hijack()`), once the stream is positioned: what is
   * committed from then on reaches the client.
   */
  readonly open: () => ServerResponse;
}

/** Rows read at most per poll query; a poll reads on while pages come back full. */
const PAGE = 1000;
/** Events a resume replays at most (the newest after the resume point). */
const REPLAY_LIMIT = 1000;
/** The recent events kept for resumes. */
const RECENT = { maxEvents: 10_000, maxBytes: 32 * 1024 * 1024 };
/**
 * After the last client left, a new one within this time makes the stream read on from where it
 * stopped (so resumes from the recent events stay exact); later, it starts afresh.
 */
const CATCH_UP_WINDOW_MS = 5 * 60_000;

const HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // nginx: pass each event on at once instead of buffering the response.
  'x-accel-buffering': 'no',
  'x-content-type-options': 'nosniff',
};

/**
 * The reader process's one reader of new packets for the event stream (`/api/stream/packets`):
 * started by the first client and stopped when the last leaves, it polls the database every
 * `pollMs` (and at once when its wake source says so), renders each new packet once, and fans
 * it out to every client; a client that does not read is dropped at `maxBufferedBytes`. It keeps
 * the recent events in delivery order, so that a client resuming from one of them gets exactly
 * what followed; an older resume point is served from the database in (import time, id) order.
 *
 * @example
 * const hub = new PacketStreamHub({ database, payloads, pollMs: 1000, maxBufferedBytes: 1 << 20, logger });
 * await hub.subscribe({ resume: null, open: () => (reply.hijack(), reply.raw) });
 */
export class PacketStreamHub {
  readonly #props: PacketStreamHubProps;
  readonly #clients = new Set<StreamClient>();
  readonly #recent = new RecentEvents(RECENT);
  #state: 'stopped' | 'running' = 'stopped';
  #closed = false;
  #starting: Promise<void> | undefined;
  /** Clients waiting for the stream to start: it does not stop under them. */
  #waiting = 0;
  #cursor: StreamCursor | undefined;
  #stoppedAt: number | undefined;
  #wake: WakeSource | undefined;
  #polling: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #keepAlive: NodeJS.Timeout | undefined;
  #polls = 0;
  #droppedSlow = 0;

  constructor(props: PacketStreamHubProps) {
    this.#props = props;
  }

  /** `/health`'s `stream`. */
  get health(): StreamHealth {
    return {
      subscribers: this.#clients.size,
      polls: this.#polls,
      dropped_slow: this.#droppedSlow,
    };
  }

  /**
   * Starts the stream if it is not running, then takes the response over (`open`), writes the
   * head and `retry:`, replays what follows `resume`, and sends each new packet from then on.
   * Rejects (before `open`) when the database cannot be read to start the stream.
   */
  async subscribe({ resume, open }: SubscribeOptions): Promise<void> {
    this.#waiting += 1;
    try {
      await this.#ensureRunning();
    } catch (error) {
      this.#waiting -= 1;
      this.#maybeStop();
      throw error;
    }
    this.#waiting -= 1;
    const response = open();
    const client = new StreamClient({
      response,
      maxBufferedBytes: this.#props.maxBufferedBytes,
      onGone: (gone, slow) => {
        this.#clients.delete(gone);
        if (slow) this.#droppedSlow += 1;
        this.#maybeStop();
      },
    });
    if (client.gone) {
      this.#maybeStop();
      return;
    }
    this.#clients.add(client);
    response.writeHead(200, HEADERS);
    response.write(`retry: ${this.#props.retryMs ?? 3000}\n\n`);
    if (resume === null) return;
    const recent = this.#recent.after(formatStreamEventId(resume));
    if (recent !== undefined) {
      client.release(this.#replayable(recent));
      return;
    }
    // Not among the recent events (older, or another reader process's): from the database,
    // up to where this stream stands now; what it reads later follows.
    client.hold(resume);
    const until = this.#cursor!.snapshot();
    try {
      const rows =
        until.importTimeUs === null
          ? []
          : await streamResumeQuery(
              this.#props.database.db,
              resume,
              until.importTimeUs,
              REPLAY_LIMIT,
            ).execute();
      const delivered = rows.filter(
        (row) =>
          row.import_time_us !== null &&
          (row.import_time_us < until.importTimeUs! ||
            until.hasDelivered({ importTimeUs: row.import_time_us, id: row.id })),
      );
      client.release(this.#replayable(delivered.map((row) => this.#event(row))));
    } catch (error) {
      this.#props.logger.warn({ err: error }, 'event stream: a resume could not be read');
      response.destroy();
    }
  }

  /** Ends every client's response and stops reading; for the reader's shutdown. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const client of [...this.#clients]) client.end();
    this.#clients.clear();
    this.#stop();
    await this.#polling;
    await this.#wake?.stop();
  }

  async #ensureRunning(): Promise<void> {
    if (this.#closed) throw new Error('the event stream is closed');
    if (this.#state === 'running') return;
    this.#starting ??= this.#start().finally(() => {
      this.#starting = undefined;
    });
    await this.#starting;
  }

  async #start(): Promise<void> {
    // A poll of the previous run may still be reading.
    await this.#polling;
    const { wakeSource } = this.#props;
    if (wakeSource !== undefined) this.#wake ??= wakeSource(() => this.#requestPoll());
    await this.#wake?.start();
    try {
      const recent =
        this.#cursor !== undefined &&
        this.#stoppedAt !== undefined &&
        Date.now() - this.#stoppedAt <= CATCH_UP_WINDOW_MS;
      if (recent) {
        // Read on from where the stream stopped: the recent events stay a gap-free run.
        await this.#readNew();
      } else {
        this.#recent.clear();
        const newest = await newestPacketsQuery(this.#props.database.db).execute();
        this.#polls += 1;
        this.#cursor = new StreamCursor(
          newest[0]?.import_time_us ?? null,
          newest.map((row) => row.id),
        );
      }
    } catch (error) {
      await this.#wake?.stop();
      throw error;
    }
    if (this.#closed) throw new Error('the event stream is closed');
    this.#state = 'running';
    this.#schedulePoll();
    this.#keepAlive = setInterval(() => {
      for (const client of this.#clients) client.comment('keep-alive');
    }, this.#props.keepAliveMs ?? 15_000);
    this.#keepAlive.unref();
  }

  #maybeStop(): void {
    if (this.#clients.size > 0 || this.#waiting > 0) return;
    this.#stop();
  }

  #stop(): void {
    if (this.#state !== 'running') return;
    this.#state = 'stopped';
    this.#stoppedAt = Date.now();
    clearTimeout(this.#timer);
    clearInterval(this.#keepAlive);
    this.#timer = undefined;
    this.#keepAlive = undefined;
    void this.#wake?.stop();
  }

  #schedulePoll(): void {
    if (this.#state !== 'running' || this.#polling !== undefined) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#requestPoll(), this.#props.pollMs);
    this.#timer.unref();
  }

  /** Reads now, or right after the read in progress (a wake-up during a read is not lost). */
  #requestPoll(): void {
    if (this.#state !== 'running') return;
    if (this.#polling !== undefined) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#polling = this.#pollWhileAsked().finally(() => {
      this.#polling = undefined;
      this.#schedulePoll();
    });
  }

  async #pollWhileAsked(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.#readNew();
      } catch (error) {
        // The next poll tries again; clients keep their connection meanwhile.
        this.#props.logger.warn({ err: error }, 'event stream: new packets could not be read');
      }
    } while (this.#again && this.#state === 'running');
  }

  /** Reads every packet past the cursor and sends each to every client. */
  async #readNew(): Promise<void> {
    const cursor = this.#cursor!;
    for (;;) {
      const take = PAGE + cursor.overlap;
      const rows = await streamPollQuery(
        this.#props.database.db,
        cursor.importTimeUs,
        take,
      ).execute();
      this.#polls += 1;
      const events = cursor.take(rows).map((row) => this.#event(row));
      for (const event of events) this.#recent.push(event);
      if (events.length > 0) for (const client of this.#clients) client.send(events);
      if (rows.length < take) return;
    }
  }

  #event(row: PacketListRow): StreamEvent {
    const at = { importTimeUs: row.import_time_us!, id: row.id };
    const key = formatStreamEventId(at);
    const data = packetJsonText(row, this.#props.payloads);
    const frame = `id: ${key}\nevent: packet\ndata: ${data}\n\n`;
    return { at, key, frame, bytes: Buffer.byteLength(frame) };
  }

  /**
   * The newest of `events` that a resume sends: at most {@link REPLAY_LIMIT}, and at most half
   * the byte limit, so that a replay never gets its client dropped (which would reconnect and
   * ask for the same again).
   */
  #replayable(events: readonly StreamEvent[]): StreamEvent[] {
    let start = Math.max(0, events.length - REPLAY_LIMIT);
    let bytes = 0;
    for (let i = events.length - 1; i >= start; i -= 1) {
      bytes += events[i]!.bytes;
      if (bytes > this.#props.maxBufferedBytes / 2) {
        start = i + 1;
        break;
      }
    }
    return events.slice(start);
  }
}
