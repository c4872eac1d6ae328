/** Stable codes of the errors the reader throws at start. */
export type ReaderErrorCode = 'READER_CONFIG_INVALID' | ServerListenErrorCode;

/** A setting the config layer accepted but the reader cannot use (a TLS file it cannot read). */
export class ReaderConfigError extends Error {
  readonly code: ReaderErrorCode = 'READER_CONFIG_INVALID';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'ReaderConfigError';
  }
}

/** Why the reader could not listen where `[server] bind` and `port` say. */
export type ServerListenErrorCode =
  | 'READER_PORT_IN_USE'
  | 'READER_PORT_FORBIDDEN'
  | 'READER_BIND_UNAVAILABLE'
  | 'READER_LISTEN_FAILED';

/**
 * The reader could not listen: the message names the `[server]` key to change, its value and
 * what to do; `cause` is the system's error.
 */
export class ServerListenError extends Error {
  readonly code: ServerListenErrorCode;
  /** The `[server]` key the message is about. */
  readonly key: 'bind' | 'port';

  constructor(
    code: ServerListenErrorCode,
    key: 'bind' | 'port',
    message: string,
    options: { readonly cause: unknown },
  ) {
    super(message, options);
    this.name = 'ServerListenError';
    this.code = code;
    this.key = key;
  }
}
