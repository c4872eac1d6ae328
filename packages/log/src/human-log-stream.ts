import type { DestinationStream } from 'pino';

/** pino's level numbers, as a person reads them. */
const LABELS: ReadonlyMap<number, string> = new Map([
  [10, 'trace'],
  [20, 'debug'],
  [30, 'info'],
  [40, 'warning'],
  [50, 'error'],
  [60, 'fatal'],
]);

/**
 * One pino JSON line as a person reads it: `warning: <message>`, and the attached error's
 * message (with its code) after a colon. The fields are left out; the message says what happened.
 * A message of several lines (a revision's message, say) continues on lines indented by two
 * spaces, so that every entry starts a line with its level.
 *
 * @example formatLogLine('{"level":40,"msg":"stale flag cleared"}') // → 'warning: stale flag cleared'
 */
export function formatLogLine(line: string): string {
  let entry: { level?: unknown; msg?: unknown; err?: { message?: unknown; code?: unknown } };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    return line.trimEnd();
  }
  const label = (typeof entry.level === 'number' && LABELS.get(entry.level)) || 'log';
  const parts = [typeof entry.msg === 'string' ? entry.msg : ''];
  const err = entry.err;
  if (err && typeof err.message === 'string') {
    parts.push(`${typeof err.code === 'string' ? `[${err.code}] ` : ''}${err.message}`);
  }
  const text = parts.filter((p) => p !== '').join(': ');
  return `${label}: ${text.replace(/\r\n|[\n\r\u2028\u2029]/g, '\n  ')}`;
}

/**
 * A pino destination that writes each line for a person ({@link formatLogLine}) to stdout (1) or
 * stderr (2): a CLI's log, beside its own answer.
 */
export function humanLogStream(fd: 1 | 2): DestinationStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  return { write: (line: string) => void stream.write(`${formatLogLine(line)}\n`) };
}
