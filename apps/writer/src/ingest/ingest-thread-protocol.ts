import type { MqttConfig } from '@meshview/config';
import type { ConnectionTarget } from '@meshview/db';
import type { CounterValues } from './ingest-counters.js';
import type { BatchObservation } from './ingest-observations.js';

/**
 * What the ingest thread is started with: everything it needs to read, decode and store. Plain
 * data (it is copied to the thread).
 */
export interface IngestThreadData {
  /** The database, as the main thread parsed `[database] connection_string`. */
  readonly target: ConnectionTarget;
  readonly reuseWindowUs: number | null;
  readonly mqtt: MqttConfig;
  readonly logLevel: string;
}

/** A request to the ingest thread. */
export type IngestThreadRequest = { readonly kind: 'stop' } | { readonly kind: 'close' };

/** What the ingest thread tells: ready (or why not), its counters now and then, stopped. */
export type IngestThreadReply =
  | { readonly kind: 'ready'; readonly brokerPort: number | null }
  | {
      readonly kind: 'failed';
      readonly message: string;
      /** The code of one of our typed errors (see `failureCode`). */
      readonly code: string | undefined;
    }
  | {
      readonly kind: 'counters' | 'stopped';
      readonly counters: Readonly<CounterValues>;
      readonly held: number;
      /** The batches written since the previous report. */
      readonly batches: readonly BatchObservation[];
      /** When the last message arrived (ms since the epoch); null: none yet. */
      readonly lastMessageAt: number | null;
    };
