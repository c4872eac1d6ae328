import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './tmp.js';

/**
 * Says once, at the top of the run, which service-backed suites are skipped and why (the suites'
 * names say it too).
 */
export default function setup(): void {
  // Temporary folders of earlier runs (test/.tmp is git-ignored): start clean.
  rmSync(join(repoRoot, 'test', '.tmp'), { recursive: true, force: true });
  const missing: string[] = [];
  if (!process.env.TEST_PG_URL) {
    missing.push(
      'PostgreSQL suites are SKIPPED: TEST_PG_URL is not set (e.g. TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres; .ci/run sets it)',
    );
  }
  for (const line of missing) process.stdout.write(`\n${line}\n`);
}
