/** Stable codes of the errors the reader throws at start. */
export type ReaderErrorCode = 'READER_CONFIG_INVALID';

/** A setting the config layer accepted but the reader cannot use (a TLS file it cannot read). */
export class ReaderConfigError extends Error {
  readonly code: ReaderErrorCode = 'READER_CONFIG_INVALID';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'ReaderConfigError';
  }
}
