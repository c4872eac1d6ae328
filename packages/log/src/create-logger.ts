import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type pinoPretty from 'pino-pretty';

/**
 * pino-pretty, loaded only for a terminal: it and its dependencies are a tenth of what the
 * migration CLI loads to start, and a server under systemd or Docker never needs them.
 */
const pretty = (options: pinoPretty.PrettyOptions): DestinationStream =>
  (createRequire(import.meta.url)('pino-pretty') as typeof pinoPretty)(options);

/** How an app's logger is made. */
export interface LoggerOptions {
  readonly name: string;
  readonly level?: string;
  /** Where lines go: 1 (stdout, the default) or 2 (stderr, for CLIs whose stdout is their answer). */
  readonly fd?: 1 | 2;
  /** A file that gets every line as JSON too (MeshView's `db_cleanup_logfile`, say). */
  readonly file?: string;
}

/**
 * A pino logger: one JSON line per event, or readable lines when the output is a terminal. (A
 * command-line tool's log is `createHumanLogger`'s.)
 *
 * @example const logger = createLogger({ name: 'writer', level: config.logging.level });
 */
export function createLogger({ name, level = 'info', fd = 1, file }: LoggerOptions): Logger {
  const stream = fd === 1 ? process.stdout : process.stderr;
  const console: DestinationStream = stream.isTTY
    ? pretty({ colorize: true, destination: fd, sync: true, ignore: 'pid,hostname' })
    : pino.destination({ fd, sync: true });
  if (file === undefined) return pino({ name, level }, console);
  const streams = [
    { level: level as pino.Level, stream: console },
    {
      level: level as pino.Level,
      stream: pino.destination({ dest: file, sync: false, mkdir: true }),
    },
  ];
  return pino({ name, level }, pino.multistream(streams));
}

export type { Logger };
