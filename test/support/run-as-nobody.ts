import { execFile } from 'node:child_process';
import { chmodSync } from 'node:fs';
import type { AppName } from './processes.js';
import type { CliResult } from './cli.js';
import { repoRoot } from './tmp.js';
import { unprivileged } from './unprivileged.js';

/**
 * Why runs as a user whom permissions refuse cannot happen here (see `unprivileged`), or
 * undefined when they can. Tests and CI run as root, which the kernel lets bind any port and read
 * any file; these runs show what an ordinary user gets.
 */
export const nobodySkipReason: string | undefined = unprivileged.skip;

/**
 * Runs `node apps/<app> …args` as `nobody` (through `unprivileged.wrapper`) until it exits, and
 * returns its exit code and output. `writable` folders are opened to everyone first (a test's
 * temporary folders, which are private to root: the config file's, the database's), so that only
 * what the test is about is refused.
 */
export function runAppAsNobody(
  app: AppName,
  args: readonly string[],
  {
    writable = [],
    env = {},
    timeoutMs = 60_000,
  }: {
    readonly writable?: readonly string[];
    /** Added to this process's environment. */
    readonly env?: NodeJS.ProcessEnv;
    readonly timeoutMs?: number;
  } = {},
): Promise<CliResult> {
  for (const folder of writable) chmodSync(folder, 0o777);
  return new Promise((resolve) => {
    const [command, ...prefix] = [...unprivileged.wrapper, process.execPath];
    execFile(
      command,
      [...prefix, `apps/${app}`, ...args],
      { cwd: repoRoot, timeout: timeoutMs, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
