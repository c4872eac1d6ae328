import { Worker } from 'node:worker_threads';
import type { CounterValues } from './ingest-counters.js';
import type { BatchObservation } from './ingest-observations.js';
import type {
  IngestThreadData,
  IngestThreadReply,
  IngestThreadRequest,
} from './ingest-thread-protocol.js';

/** Raised when the ingest thread cannot start (the broker's port is taken, say): says why. */
export class IngestThreadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * The main thread's handle on ingestion, which runs on a thread of its own (MQTT, decoding and
 * batched writes) with a bounded heap: its counters, and a way to stop it.
 */
export class IngestThread {
  readonly #worker: Worker;
  readonly #onFatal: (error: Error) => void;
  readonly brokerPort: number | null;
  #counters: Readonly<Partial<CounterValues>> = {};
  #held = 0;
  #lastMessageAt: number | null = null;
  readonly #batchListeners = new Set<(batches: readonly BatchObservation[]) => void>();
  #stopped: (() => void) | undefined;
  #closing = false;

  private constructor(worker: Worker, brokerPort: number | null, onFatal: (error: Error) => void) {
    this.#worker = worker;
    this.brokerPort = brokerPort;
    this.#onFatal = onFatal;
    worker.on('message', (reply: IngestThreadReply) => {
      if (reply.kind !== 'counters' && reply.kind !== 'stopped') return;
      this.#counters = reply.counters;
      this.#held = reply.held;
      this.#lastMessageAt = reply.lastMessageAt;
      for (const listener of this.#batchListeners) listener(reply.batches);
      if (reply.kind === 'stopped') this.#stopped?.();
    });
    worker.on('error', (error) => this.#fatal(error));
    worker.on('exit', (code) => this.#fatal(new Error(`the ingest thread exited (code ${code})`)));
  }

  /**
   * Starts the ingest thread and waits until it reads; rejects with its start error (a taken
   * port, a database it cannot open). `onFatal` hears of the thread's unexpected end later on:
   * nothing is ingested then, so the writer should stop.
   */
  static async start(
    data: IngestThreadData,
    onFatal: (error: Error) => void,
  ): Promise<IngestThread> {
    const worker = new Worker(new URL('./ingest-thread-main.js', import.meta.url), {
      workerData: data,
      // Its heap holds what it has taken (bounded by back-pressure) and a batch or two. Nearly
      // all it allocates dies within a batch: a young generation of 8 MB keeps the same pace
      // through Mosquitto as 16 MB, with about 16 MB less resident (bench:big).
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 },
    });
    const brokerPort = await new Promise<number | null>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (reply: IngestThreadReply) => {
        worker.off('error', reject);
        if (reply.kind === 'ready') resolve(reply.brokerPort);
        else if (reply.kind === 'failed') {
          void worker.terminate();
          reject(new IngestThreadError(reply.message, reply.code));
        }
      });
    });
    return new IngestThread(worker, brokerPort, onFatal);
  }

  /** When the last message arrived (ms since the epoch), as of the last report; null: none. */
  get lastMessageAt(): number | null {
    return this.#lastMessageAt;
  }

  /** Calls `listener` with the batches written since the previous report, every report. */
  onBatches(listener: (batches: readonly BatchObservation[]) => void): void {
    this.#batchListeners.add(listener);
  }

  /** The ingest thread's counters, as of its last report (every second). */
  get counters(): Readonly<Partial<CounterValues>> {
    return this.#counters;
  }

  /** Messages taken and not yet written, as of the last report. */
  get held(): number {
    return this.#held;
  }

  /** Stops reading and waits until everything taken is written. */
  async stop(): Promise<void> {
    const stopped = new Promise<void>((resolve) => (this.#stopped = resolve));
    this.#worker.postMessage({ kind: 'stop' } satisfies IngestThreadRequest);
    await stopped;
  }

  /** Closes the thread's connections and ends it (after `stop`). */
  async close(): Promise<void> {
    this.#closing = true;
    const exited = new Promise((resolve) => this.#worker.once('exit', resolve));
    this.#worker.postMessage({ kind: 'close' } satisfies IngestThreadRequest);
    await exited;
  }

  #fatal(error: Error): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#onFatal(error);
  }
}
