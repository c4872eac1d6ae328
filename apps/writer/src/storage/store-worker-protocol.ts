import type { BatchOutcome } from './batch-outcome.js';
import type { StorableRecord } from './storable-record.js';

/** What the store thread is started with. */
export interface StoreWorkerData {
  readonly connectionString: string;
  readonly reuseWindowUs: number | null;
}

/** A request to the store thread: write a batch, or close. */
export type StoreWorkerRequest =
  | { readonly kind: 'write'; readonly id: number; readonly records: readonly StorableRecord[] }
  | { readonly kind: 'close' };

/** The store thread's answer: ready, a batch's outcome, or the error that rolled it back. */
export type StoreWorkerReply =
  | { readonly id: 0; readonly ready: true }
  | { readonly id: number; readonly outcome: BatchOutcome }
  | {
      readonly id: number;
      readonly error: { readonly message: string; readonly code: string | undefined };
    };
