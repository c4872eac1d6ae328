import { once } from 'node:events';
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
