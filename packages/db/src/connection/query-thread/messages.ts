import type { DialectName } from '@meshview/schema';
import type { ConnectionTarget } from '../connection-target.js';
import type { ThreadError } from './thread-error.js';

/** What the query thread is started with: the driver it loads before it is told what to open. */
export interface QueryThreadData {
  readonly dialect: DialectName | undefined;
}

/** What the query thread opens, once loaded. */
export interface QueryThreadOpen {
  readonly kind: 'open';
  readonly target: ConnectionTarget;
  readonly busyTimeoutMs: number | undefined;
  readonly poolSize: number | undefined;
}

/** What the main thread asks. */
export type QueryThreadRequest =
  | {
      readonly kind: 'query';
      readonly id: number;
      readonly sql: string;
      readonly parameters: readonly unknown[];
    }
  | { readonly kind: 'reopen'; readonly id: number }
  | { readonly kind: 'close'; readonly id: number };

/** A request as the caller words it, before it is given its id. */
export type QueryThreadAsk = QueryThreadRequest extends infer R
  ? R extends QueryThreadRequest
    ? Omit<R, 'id'>
    : never
  : never;

/** What the query thread answers. */
export type QueryThreadReply =
  | { readonly kind: 'loaded' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: ThreadError }
  | {
      readonly kind: 'rows';
      readonly id: number;
      readonly rows: readonly Record<string, unknown>[];
    }
  | { readonly kind: 'done'; readonly id: number }
  | { readonly kind: 'error'; readonly id: number; readonly error: ThreadError }
  | { readonly kind: 'idle-error'; readonly error: ThreadError };
