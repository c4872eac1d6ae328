import type { CounterValues } from './ingest-counters.js';

/** What the ingest thread is started with: everything it needs to decode and store. */
export interface IngestThreadData {
  readonly connectionString: string;
  readonly reuseWindowUs: number | null;
  readonly secondaryKeys: readonly string[];
  readonly skipNodeIds: readonly number[];
  readonly rateLimitPerNode: number;
  readonly rateLimitWindowMs: number;
  readonly logLevel: string;
}

/** A request to the ingest thread. */
export type IngestThreadRequest =
  | {
      readonly kind: 'messages';
      readonly id: number;
      readonly topics: readonly string[];
      readonly payloads: readonly Uint8Array[];
    }
  | { readonly kind: 'drain'; readonly id: number }
  | { readonly kind: 'close' };

/** The ingest thread's answers; each carries its counters so far. */
export type IngestThreadReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly message: string; readonly code: string | undefined }
  | {
      readonly kind: 'accepted' | 'drained';
      readonly id: number;
      readonly counters: Readonly<CounterValues>;
      readonly held: number;
    };
