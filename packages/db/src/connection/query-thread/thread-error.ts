import * as errors from '../../errors.js';

/** An error as it crosses between threads: its class by name, its text and its own fields. */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** Own fields with plain values (`code`, `detail`, pg's `severity`, …). */
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
  readonly cause?: ThreadError;
}

// The classes callers test with `instanceof` (`databaseUnavailableReason`, the failure codes):
// every error class errors.ts exports, by name, so that a new one crosses without a change here.
const CLASSES: ReadonlyMap<string, { prototype: Error }> = new Map(
  Object.values(errors)
    .filter(
      (value): value is typeof errors.DbError =>
        typeof value === 'function' && value.prototype instanceof Error,
    )
    .map((value) => [value.name, value]),
);

/**
 * `error` as data that survives `postMessage`: a structured clone keeps an `Error`'s message but
 * drops its class and fields (`code`), which decide how the reader answers.
 */
export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) {
    return { name: 'Error', message: String(error), stack: undefined, fields: {} };
  }
  const fields: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === 'cause') continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      fields[key] = value as string | number | boolean | null;
    }
  }
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    fields,
    ...(error.cause !== undefined ? { cause: toThreadError(error.cause) } : {}),
  };
}

/** The error `toThreadError` described, of the same class when it is one of `@meshview/db`'s. */
export function fromThreadError(data: ThreadError): Error {
  const error = Object.create((CLASSES.get(data.name) ?? Error).prototype) as Error;
  Object.defineProperty(error, 'message', { value: data.message, writable: true });
  Object.defineProperty(error, 'stack', { value: data.stack, writable: true });
  Object.assign(error, data.fields);
  if (!Object.hasOwn(data.fields, 'name') && error.name !== data.name) {
    Object.defineProperty(error, 'name', { value: data.name, writable: true });
  }
  if (data.cause !== undefined) {
    Object.defineProperty(error, 'cause', { value: fromThreadError(data.cause), writable: true });
  }
  return error;
}
