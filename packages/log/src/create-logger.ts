import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

/** How an app's logger is made. */
export interface LoggerOptions {
  readonly name: string;
  readonly level?: string;
  /** Where lines go: 1 (stdout, the default) or 2 (stderr, for CLIs whose stdout is their answer). */
  readonly fd?: 1 | 2;
}

/**
 * A pino logger: one JSON line per event, or readable lines when the output is a terminal.
 *
 * @example const logger = createLogger({ name: 'writer', level: config.logging.level });
 */
export function createLogger({ name, level = 'info', fd = 1 }: LoggerOptions): Logger {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (stream.isTTY) {
    return pino(
      { name, level },
      pretty({ colorize: true, destination: fd, sync: true, ignore: 'pid,hostname' }),
    );
  }
  return pino({ name, level }, pino.destination({ fd, sync: true }));
}

export type { Logger };
