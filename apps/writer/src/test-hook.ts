import { once } from 'node:events';
import { writeSync } from 'node:fs';
import type { Logger } from '@meshview/log';

/** The environment variable that names a test hook; for this project's own tests only. */
export const TEST_HOOK_VARIABLE = 'MESHVIEW_TEST_HOOK';

/**
 * `MESHVIEW_TEST_HOOK=pause-before-clearing-flag`: after the migration's last revision committed,
 * the writer logs that it paused and waits (until stopped) before it clears the in-progress flag,
 * so that a test can kill it at exactly that moment. Undefined, and no effect, otherwise.
 */
export function pauseBeforeClearingFlag(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  stop: AbortSignal,
): (() => Promise<void>) | undefined {
  if (env[TEST_HOOK_VARIABLE] !== 'pause-before-clearing-flag') return undefined;
  return async () => {
    logger.warn({ hook: env[TEST_HOOK_VARIABLE] }, 'test hook: paused before clearing the flag');
    // A pending promise alone does not keep Node running: a timer does, until the stop.
    const alive = setInterval(() => {}, 60_000);
    try {
      if (!stop.aborted) await once(stop, 'abort');
    } finally {
      clearInterval(alive);
    }
  };
}

/** The statement a `kill-at-statement:N` hook names, or undefined. */
const KILL_AT = /^kill-at-statement:(\d+)$/;

/**
 * The migrator's `onStatement` for the statement hooks; undefined, and no effect, otherwise.
 * Statements are those of the migration run on the lock holder's connection, counted from 1.
 * - `MESHVIEW_TEST_HOOK=count-statements`: logs each one (`test hook: statement`, with its number
 *   and SQL), so that a test can list the boundaries of a run.
 * - `MESHVIEW_TEST_HOOK=kill-at-statement:N`: just before statement N is sent, writes its number
 *   and SQL to stderr (synchronously) and SIGKILLs the writer: a crash at exactly that boundary.
 */
export function statementHook(
  env: NodeJS.ProcessEnv,
  logger: Logger,
): ((sql: string) => void) | undefined {
  const hook = env[TEST_HOOK_VARIABLE];
  let count = 0;
  if (hook === 'count-statements') {
    return (sql) => {
      count += 1;
      logger.info({ hook, statement: count, sql }, 'test hook: statement');
    };
  }
  const killAt = KILL_AT.exec(hook ?? '');
  if (!killAt) return undefined;
  const target = Number(killAt[1]);
  return (sql) => {
    count += 1;
    if (count !== target) return;
    // pino writes asynchronously and a SIGKILL loses what is pending: stderr, synchronously.
    writeSync(2, `test hook: killed before statement ${count}: ${sql}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
}
