import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './tmp.js';

/**
 * Says once, at the top of the run, which service-backed suites are skipped and why (the suites'
 * names say it too).
 */
export default function setup(): void {
  removeStaleTempDirs(join(repoRoot, 'test', '.tmp'));
  const missing: string[] = [];
  if (!process.env.TEST_PG_URL) {
    missing.push(
      'PostgreSQL suites are SKIPPED: TEST_PG_URL is not set (e.g. TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres; .ci/run sets it)',
    );
  }
  for (const line of missing) process.stdout.write(`\n${line}\n`);
}

/**
 * Temporary folders of earlier runs (test/.tmp is git-ignored) are removed once they are an hour
 * old, so that two test runs at the same time do not delete each other's files.
 */
function removeStaleTempDirs(base: string): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const name of names) {
    const path = join(base, name);
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
}
