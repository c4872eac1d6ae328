import type { LogLevel } from '@meshview/config';

const ORDER: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * The CLI's log level. Its answer is on stdout, so its log on stderr keeps to warnings and errors
 * unless `--verbose` asks for the progress lines: without it, `[logging] level` but never below
 * `warn` (`error` or `silent` still quiet it further); with it, `[logging] level` but never above
 * `info` (`debug` or `trace` still show more).
 *
 * @example cliLogLevel('info', false) // → 'warn'
 */
export function cliLogLevel(configured: LogLevel, verbose: boolean): LogLevel {
  const rank = ORDER.indexOf(configured);
  if (verbose) return rank > ORDER.indexOf('info') ? 'info' : configured;
  return rank < ORDER.indexOf('warn') ? 'warn' : configured;
}
