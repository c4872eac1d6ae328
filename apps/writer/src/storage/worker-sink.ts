import { Worker } from 'node:worker_threads';
import type { PacketRecord } from '@meshview/mesh';
import type { BatchOutcome } from './batch-outcome.js';
import type { StorableRecord } from './storable-record.js';
import type {
  StoreWorkerData,
  StoreWorkerReply,
  StoreWorkerRequest,
} from './store-worker-protocol.js';

/** An error the store thread reported, with its code, so the caller can tell data from state. */
export class StoreWorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * A `PacketStore` on a thread of its own: `writeBatch` sends the rows there and resolves with
 * the batch's outcome (or rejects with its error) once it is committed. Only the rows travel
 * (not the decoded values), copied by structured clone.
 */
export class WorkerSink {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve(o: BatchOutcome): void; reject(e: Error): void }>();
  readonly #onFatal: (error: Error) => void;
  #next = 1;
  #failure: Error | undefined;
  #closing = false;

  private constructor(worker: Worker, onFatal: (error: Error) => void) {
    this.#worker = worker;
    this.#onFatal = onFatal;
    worker.on('message', (reply: StoreWorkerReply) => {
      if ('ready' in reply) return;
      const waiter = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if ('outcome' in reply) waiter?.resolve(reply.outcome);
      else waiter?.reject(new StoreWorkerError(reply.error.message, reply.error.code));
    });
    worker.on('error', (error) => this.#fail(error));
    worker.on('exit', (code) => this.#fail(new Error(`the store thread exited (code ${code})`)));
  }

  /**
   * Starts the store thread and waits until its database is open. `onFatal` hears of the
   * thread's unexpected end: without it nothing can be written, so the writer should stop.
   */
  static async start(data: StoreWorkerData, onFatal: (error: Error) => void): Promise<WorkerSink> {
    const worker = new Worker(new URL('./store-worker.js', import.meta.url), { workerData: data });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: StoreWorkerReply) => {
        if ('ready' in reply) {
          worker.off('error', reject);
          resolve();
        }
      };
      worker.once('message', onMessage);
      worker.once('error', reject);
    });
    return new WorkerSink(worker, onFatal);
  }

  writeBatch(records: readonly PacketRecord[]): Promise<BatchOutcome> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#next++;
    const rows: StorableRecord[] = records.map((r) => ({
      packet: r.packet,
      seen: r.seen,
      gatewayNodeId: r.gatewayNodeId,
      nodes: r.nodes,
      publicKey: r.publicKey,
      traceroute: r.traceroute,
    }));
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ kind: 'write', id, records: rows } satisfies StoreWorkerRequest);
    });
  }

  /** Closes the store thread's database and ends the thread. */
  async close(): Promise<void> {
    this.#closing = true;
    const exited = new Promise((resolve) => this.#worker.once('exit', resolve));
    this.#worker.postMessage({ kind: 'close' } satisfies StoreWorkerRequest);
    await exited;
  }

  #fail(error: Error): void {
    if (!this.#closing && !this.#failure) this.#onFatal(error);
    this.#failure ??= error;
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }
}
