import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCT_HEAD } from './product.js';
import { writeFixtureScripts, type FixtureRevision } from './scripts.js';
import { makeTempDir, repoRoot } from './tmp.js';

export { PRODUCT_HEAD, PRODUCT_REVISIONS } from './product.js';

/**
 * A scripts folder for `--migrations`: the product's compiled scripts (run `npm run build`
 * first) followed by fixture revisions, the first of which should go `down: PRODUCT_HEAD`.
 */
export function productChainWith(revisions: readonly FixtureRevision[]): string {
  const dir = join(makeTempDir('chain'), 'versions');
  writeFixtureScripts(dir, revisions);
  const compiled = join(repoRoot, 'migrations', 'dist', 'versions');
  // With their source maps: a test that imports them in-process (vitest) looks for those.
  for (const name of readdirSync(compiled).filter((n) => /\.js(\.map)?$/.test(n))) {
    copyFileSync(join(compiled, name), join(dir, name));
  }
  return dir;
}

/** JavaScript for a fixture's `upPrelude`: the literal of a value (a path, say). */
export const js = (value: unknown): string => JSON.stringify(value);

/**
 * JavaScript for a fixture's `upPrelude`: notes `<word> <pid>` in the file `notes`, then waits
 * (inside the revision's transaction, holding the lock) until the file `gate` exists, for at most
 * a minute. The test decides how long the migration lock is held.
 */
export function noteThenWaitForGate(notes: string, word: string, gate: string): string {
  return `
  const fs = await import('node:fs');
  fs.appendFileSync(${js(notes)}, ${js(`${word} `)} + process.pid + '\\n');
  const deadline = Date.now() + 60000;
  while (!fs.existsSync(${js(gate)})) {
    if (Date.now() > deadline) throw new Error('the test never opened the gate');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }`;
}

/**
 * After the product head: the side table `exec_count` (one row per run, with the pid) in which a
 * fixture revision after it counts its committed runs.
 */
export const EXEC_COUNT: FixtureRevision = {
  id: 'f1_exec_count',
  down: PRODUCT_HEAD,
  up: ['CREATE TABLE IF NOT EXISTS exec_count (pid INTEGER NOT NULL)'],
};

/** The lines of a notes file a fixture appends to (none when it does not exist yet). */
export const noteLines = (file: string): string[] =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
