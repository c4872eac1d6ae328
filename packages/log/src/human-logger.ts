/** pino's level names, lowest first (`silent` writes nothing). */
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type LevelName = (typeof LEVELS)[number];

/** A level as a person reads it. */
const LABELS: Readonly<Record<LevelName, string>> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warn: 'warning',
  error: 'error',
  fatal: 'fatal',
};

/** A log call in pino's argument order: structured fields first, then the message. */
export type HumanLogFn = (fields: Record<string, unknown>, message: string) => void;

/** A command-line tool's log: the levels of pino's, each a {@link HumanLogFn}. */
export type HumanLogger = Readonly<Record<LevelName, HumanLogFn>>;

/**
 * One entry as a person reads it: `warning: <message>`, and the attached error's message (with
 * its code) after a colon. The other fields are left out; the message says what happened. A
 * message of several lines (a revision's message, say) continues on lines indented by two
 * spaces, so that every entry starts a line with its level.
 *
 * @example formatLogEntry('warn', 'stale flag cleared') // → 'warning: stale flag cleared'
 */
export function formatLogEntry(level: LevelName, message: string, err?: unknown): string {
  const parts = [message];
  const { message: errMessage, code } = (err ?? {}) as { message?: unknown; code?: unknown };
  if (typeof errMessage === 'string') {
    parts.push(`${typeof code === 'string' ? `[${code}] ` : ''}${errMessage}`);
  }
  const text = parts.filter((p) => p !== '').join(': ');
  return `${LABELS[level]}: ${text.replace(/\r\n|[\n\r\u2028\u2029]/g, '\n  ')}`;
}

/**
 * The log of a command-line tool, whose answer sits beside it: lines for a person
 * ({@link formatLogEntry}) on stdout (1) or stderr (2), those below `level` dropped. Not pino: a
 * CLI logs a few lines, and loading pino cost every verb of meshview-migrate a tenth of its start.
 *
 * @example createHumanLogger({ level: 'warn', fd: 2 }).warn({}, 'stale flag cleared')
 */
export function createHumanLogger({ level, fd }: { level: string; fd: 1 | 2 }): HumanLogger {
  const stream = fd === 1 ? process.stdout : process.stderr;
  const threshold = level === 'silent' ? LEVELS.length : LEVELS.indexOf(level as LevelName);
  const ignore: HumanLogFn = () => {};
  const entry =
    (name: LevelName): HumanLogFn =>
    (fields, message) =>
      void stream.write(`${formatLogEntry(name, message, fields.err)}\n`);
  return Object.fromEntries(
    LEVELS.map((name, rank) => [name, rank < Math.max(0, threshold) ? ignore : entry(name)]),
  ) as HumanLogger;
}
