/** The outcome of reading one raw value: the value, or that it is not acceptable (and why). */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason?: string };

/** Where a config is read, for the values whose meaning depends on it. */
export interface ParseContext {
  /**
   * The working directory: what a relative SQLite path in a connection string is relative to
   * (SQLAlchemy's rule for `sqlite:///x.db`).
   */
  readonly cwd: string;
}

/** How one kind of config value is read from its INI text. */
export interface FieldType<T> {
  /** Completes "… is not …" in error messages, e.g. `an integer from 0 to 23`. */
  readonly expected: string;
  /**
   * Whether an empty value is read by {@link FieldType.parse} (text, lists, optional paths) or
   * means "use the default" (numbers, booleans, names), as MeshView's lenient getters do.
   */
  readonly acceptsEmpty: boolean;
  /** Reads a stripped value; types that wrap another pass `context` on. */
  parse(text: string, context: ParseContext): ParseResult<T>;
  /** The value as error messages show it (a connection string without its password). */
  readonly display?: (text: string) => string;
}

/** A successful {@link ParseResult}. */
export const accept = <T>(value: T): ParseResult<T> => ({ ok: true, value });

/** A failed {@link ParseResult}, with an optional reason appended to the message. */
export const reject = (reason?: string): ParseResult<never> =>
  reason === undefined ? { ok: false } : { ok: false, reason };
