import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './tmp.js';

/** What a finished command printed, and how it ended. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `meshview-migrate` as a real child process (the bin that `npm install` links); `wrapper`
 * is a command that runs node, e.g. to run it as another user (see unprivileged.ts).
 */
export function runMigrateCli(
  args: readonly string[],
  cwd = repoRoot,
  wrapper: readonly string[] = [],
): Promise<CliResult> {
  const bin = join(repoRoot, 'apps', 'migrate', 'bin', 'meshview-migrate.js');
  const [command, ...prefix] = [...wrapper, process.execPath];
  return new Promise((resolve) => {
    execFile(
      command,
      [...prefix, bin, ...args],
      { cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
