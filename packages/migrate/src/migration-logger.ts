/** A log call in pino's argument order: structured fields first, then the message. */
export type LogFn = (fields: Record<string, unknown>, message: string) => void;

/** The narrow logger the engine writes to; a pino logger fits as it is. */
export interface MigrationLogger {
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;
  readonly debug: LogFn;
}

const ignore: LogFn = () => {};

/** A logger that drops everything, for callers that pass none. */
export const silentLogger: MigrationLogger = {
  info: ignore,
  warn: ignore,
  error: ignore,
  debug: ignore,
};
