import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './tmp.js';

/** What a finished command printed, and how it ended. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `meshview-migrate` as a real child process (the bin that `npm install` links). */
export function runMigrateCli(args: readonly string[], cwd = repoRoot): Promise<CliResult> {
  const bin = join(repoRoot, 'apps', 'migrate', 'bin', 'meshview-migrate.js');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
