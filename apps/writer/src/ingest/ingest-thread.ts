import { Worker } from 'node:worker_threads';
import type { CounterValues } from './ingest-counters.js';
import type {
  IngestThreadData,
  IngestThreadReply,
  IngestThreadRequest,
} from './ingest-thread-protocol.js';

/** Messages handed over at once; a chunk also leaves after a few milliseconds. */
const CHUNK = 256;
const CHUNK_AGE_MS = 2;

/** Raised when the ingest thread cannot start (a bad key, the database): says why. */
export class IngestThreadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * The MQTT thread's side of ingestion: hands messages to the ingest thread (which decodes and
 * stores them) in small chunks, and pushes back once `maxHeld` messages are on their way or held
 * there. A message counts as taken (it may be acknowledged to the broker) once it is handed over.
 */
export class IngestThread {
  readonly #worker: Worker;
  readonly #maxHeld: number;
  readonly #onFatal: (error: Error) => void;
  readonly #waiters = new Map<number, () => void>();
  #topics: string[] = [];
  #payloads: Uint8Array[] = [];
  #timer: NodeJS.Timeout | undefined;
  #next = 1;
  #inFlight = 0;
  #chunkSizes = new Map<number, number>();
  #held = 0;
  #room: (() => void)[] = [];
  #counters: Readonly<Partial<CounterValues>> = {};
  #closing = false;

  private constructor(worker: Worker, maxHeld: number, onFatal: (error: Error) => void) {
    this.#worker = worker;
    this.#maxHeld = maxHeld;
    this.#onFatal = onFatal;
    worker.on('message', (reply: IngestThreadReply) => this.#onReply(reply));
    worker.on('error', (error) => this.#fatal(error));
    worker.on('exit', (code) => this.#fatal(new Error(`the ingest thread exited (code ${code})`)));
  }

  /**
   * Starts the ingest thread and waits until it is ready; rejects with its start error (a bad
   * key names its position in `[mqtt] secondary_keys`). `onFatal` hears of the thread's
   * unexpected end later on: nothing can be stored then, so the writer should stop.
   */
  static async start(
    data: IngestThreadData,
    options: { readonly maxHeld?: number; readonly onFatal: (error: Error) => void },
  ): Promise<IngestThread> {
    const worker = new Worker(new URL('./ingest-thread-main.js', import.meta.url), {
      workerData: data,
      // A bounded heap: the thread holds at most `maxHeld` messages and a batch or two.
      resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 },
    });
    await new Promise<void>((resolve, reject) => {
      const first = (reply: IngestThreadReply) => {
        worker.off('error', reject);
        if (reply.kind === 'ready') resolve();
        else if (reply.kind === 'failed') {
          void worker.terminate();
          reject(new IngestThreadError(reply.message, reply.code));
        }
      };
      worker.once('message', first);
      worker.once('error', reject);
    });
    return new IngestThread(worker, options.maxHeld ?? 5000, options.onFatal);
  }

  /** The latest counters of the ingest thread. */
  get counters(): Readonly<Partial<CounterValues>> {
    return this.#counters;
  }

  /** Messages handed over and not yet written, plus those still waiting here. */
  get held(): number {
    return this.#inFlight + this.#held + this.#topics.length;
  }

  /** Takes one message; a returned promise means "wait before reading the next". */
  handle = (topic: string, payload: Uint8Array): Promise<void> | undefined => {
    this.#topics.push(topic);
    this.#payloads.push(payload);
    if (this.#topics.length >= CHUNK) this.#send();
    else this.#timer ??= setTimeout(() => this.#send(), CHUNK_AGE_MS);
    if (this.held < this.#maxHeld) return undefined;
    return new Promise((resolve) => this.#room.push(resolve));
  };

  /** Hands over what waits here and waits until the ingest thread has written everything. */
  async drain(): Promise<void> {
    this.#send();
    await this.#request({ kind: 'drain', id: this.#next++ });
  }

  /** Ends the ingest thread (after `drain`). */
  async close(): Promise<void> {
    this.#closing = true;
    const exited = new Promise((resolve) => this.#worker.once('exit', resolve));
    this.#worker.postMessage({ kind: 'close' } satisfies IngestThreadRequest);
    await exited;
  }

  #send(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#topics.length === 0) return;
    const id = this.#next++;
    const request: IngestThreadRequest = {
      kind: 'messages',
      id,
      topics: this.#topics,
      payloads: this.#payloads,
    };
    this.#chunkSizes.set(id, this.#topics.length);
    this.#inFlight += this.#topics.length;
    this.#topics = [];
    this.#payloads = [];
    this.#worker.postMessage(request);
  }

  #request(request: Extract<IngestThreadRequest, { id: number }>): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.set(request.id, resolve);
      this.#worker.postMessage(request);
    });
  }

  #onReply(reply: IngestThreadReply): void {
    if (reply.kind === 'ready' || reply.kind === 'failed') return;
    this.#counters = reply.counters;
    this.#held = reply.held;
    this.#inFlight -= this.#chunkSizes.get(reply.id) ?? 0;
    this.#chunkSizes.delete(reply.id);
    this.#waiters.get(reply.id)?.();
    this.#waiters.delete(reply.id);
    while (this.#room.length > 0 && this.held < this.#maxHeld) this.#room.shift()!();
  }

  #fatal(error: Error): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#onFatal(error);
  }
}
