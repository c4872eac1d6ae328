import { databaseUnavailableReason } from '@meshview/db';
import type { Logger } from '@meshview/log';
import type { EnvelopeResult, PacketRecord } from '@meshview/mesh';
import { backoffDelay } from '../mqtt/backoff.js';
import { Batcher } from './batcher.js';
import { ImportClock } from './import-clock.js';
import type { IngestCounters } from './ingest-counters.js';
import type { RateLimiter } from './rate-limiter.js';
import type { IngestObservations } from './ingest-observations.js';

/** What a written batch came to. */
export interface BatchResult {
  /** New packets (rows added to `packet`). */
  readonly stored: number;
  /** Reports of packets already stored (other gateways, retransmissions). */
  readonly duplicates: number;
  /** Packet ids already stored from a different sender (MeshView's schema keys packets by id). */
  readonly idReuse: readonly {
    readonly id: number;
    readonly from: number;
    readonly storedFrom: number;
  }[];
}

/** Where batches go: one transaction a batch. */
export interface RecordSink {
  writeBatch(records: readonly PacketRecord[]): Promise<BatchResult>;
}

/** What the pipeline is made of. */
export interface IngestPipelineProps {
  /** Topic and payload to rows: pure, no I/O (packages/mesh). */
  readonly interpret: (topic: string, payload: Uint8Array, nowUs: number) => EnvelopeResult;
  readonly sink: RecordSink;
  readonly counters: IngestCounters;
  readonly rateLimiter: RateLimiter;
  readonly logger: Logger;
  /** The messages' import times; the wall clock, never going back, by default. */
  readonly importClock?: ImportClock;
  readonly maxBatch?: number;
  readonly maxAgeMs?: number;
  readonly maxPending?: number;
  /** Told of each message and each batch written, for the metrics. */
  readonly observations?: IngestObservations;
}

/**
 * Message in, rows out: decodes each message at once (off the database path), counts it, and
 * batches what is to be stored; each batch is written in one transaction. A batch the database
 * refuses for a transient reason (busy, connection lost) is retried until it is written; one it
 * refuses for its data is split until the bad records are isolated, and only those are dropped
 * (and counted). What the broker had acknowledged is therefore committed or still held here:
 * at most `maxPending` records, which is what a crash can lose.
 */
export class IngestPipeline {
  readonly #props: IngestPipelineProps;
  readonly #batcher: Batcher<PacketRecord>;
  readonly #clock: ImportClock;

  constructor(props: IngestPipelineProps) {
    this.#props = props;
    this.#clock = props.importClock ?? new ImportClock();
    this.#batcher = new Batcher({
      maxBatch: props.maxBatch ?? 1000,
      maxAgeMs: props.maxAgeMs ?? 20,
      maxPending: props.maxPending ?? 5000,
      flush: (records) => this.#write(records),
    });
  }

  /** Records held (waiting or being written): what a crash now could lose. */
  get pending(): number {
    return this.#batcher.pending;
  }

  /** Handles one message; a returned promise means "wait before reading the next" (back-pressure). */
  handle = (topic: string, payload: Uint8Array): Promise<void> | undefined => {
    const { counters, rateLimiter, logger } = this.#props;
    counters.add('received');
    const now = Date.now();
    this.#props.observations?.message(now);
    const result = this.#props.interpret(topic, payload, this.#clock.nowUs());
    if (result.kind === 'malformed') {
      counters.add('malformed');
      logger.debug({ topic, reason: result.reason }, 'malformed message skipped');
      return undefined;
    }
    if (result.kind === 'skipped') {
      counters.add('skipped');
      return undefined;
    }
    const { record } = result;
    if (!rateLimiter.allow(record.packet.from_node_id, now)) {
      counters.add('rate_limited');
      return undefined;
    }
    if (record.decryption === 'pki' || record.decryption === 'undecryptable') {
      counters.add('undecryptable');
    }
    return this.#batcher.push(record);
  };

  /** Writes everything held; for shutdown. */
  drain(): Promise<void> {
    return this.#batcher.drain();
  }

  async #write(records: readonly PacketRecord[]): Promise<void> {
    const { sink, counters, logger } = this.#props;
    for (let attempt = 0; ; attempt++) {
      try {
        const started = performance.now();
        const result = await sink.writeBatch(records);
        this.#props.observations?.batch(records.length, (performance.now() - started) / 1000);
        counters.add('stored', result.stored);
        counters.add('duplicates', result.duplicates);
        for (const reuse of result.idReuse) {
          logger.warn(
            reuse,
            "packet id reused by another sender: this packet is not stored (MeshView's schema keys packets by id)",
          );
        }
        if (attempt > 0) {
          logger.info(
            { records: records.length, retries: attempt },
            `batch written after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}: the database takes writes again`,
          );
        }
        return;
      } catch (error) {
        if (isDataError(error)) return this.#isolate(records, error);
        const delay = backoffDelay(attempt, { baseMs: 100, maxMs: 10_000 });
        const { code } = error as { code?: unknown };
        const reason =
          databaseUnavailableReason(error) ??
          `the database refused the batch (${(error as Error).message})`;
        // Nothing is dropped: the batch (and all held behind it, up to maxPending, after which
        // the broker is made to wait) is written once the database takes writes again.
        logger.warn(
          {
            err: (error as Error).message,
            code: typeof code === 'string' ? code : undefined,
            records: records.length,
            attempt: attempt + 1,
            retryInMs: delay,
          },
          `batch not written: ${reason}; retrying in ${delay} ms (nothing is dropped)`,
        );
        await sleep(delay);
      }
    }
  }

  /** A batch the database refused for its content: halves until the bad records stand alone. */
  async #isolate(records: readonly PacketRecord[], error: unknown): Promise<void> {
    if (records.length === 1) {
      this.#props.counters.add('dropped');
      this.#props.logger.error(
        {
          err: (error as Error).message,
          packetId: records[0]!.packet.id,
          from: records[0]!.packet.from_node_id,
        },
        'record refused by the database; dropped',
      );
      return;
    }
    const half = Math.ceil(records.length / 2);
    await this.#write(records.slice(0, half));
    await this.#write(records.slice(half));
  }
}

/** Errors about the data itself (a constraint, a value out of range), not the database's state. */
function isDataError(error: unknown): boolean {
  // The drivers' codes (SQLite's names, PostgreSQL's SQLSTATEs) and ours are strings.
  const { code: given } = error as { code?: unknown };
  const code = typeof given === 'string' ? given : '';
  return (
    code.startsWith('SQLITE_CONSTRAINT') ||
    code === 'SQLITE_MISMATCH' ||
    code === 'SQLITE_TOOBIG' ||
    code === 'DB_UNSAFE_INTEGER' ||
    /^2[23][0-9A-Z]{3}$/.test(code)
  );
}

/** Waits `ms` on the global timer (which tests can fake). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
