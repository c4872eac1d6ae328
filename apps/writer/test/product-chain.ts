import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFixtureScripts, type FixtureRevision } from '../../../test/support/scripts.js';
import { makeTempDir, repoRoot } from '../../../test/support/tmp.js';

export { PRODUCT_HEAD, PRODUCT_REVISIONS } from '../../../test/support/product.js';

/**
 * A scripts folder for `--migrations`: the product's compiled scripts (run `npm run build`
 * first) followed by fixture revisions, the first of which should go `down: PRODUCT_HEAD`.
 */
export function productChainWith(revisions: readonly FixtureRevision[]): string {
  const dir = join(makeTempDir('chain'), 'versions');
  writeFixtureScripts(dir, revisions);
  const compiled = join(repoRoot, 'migrations', 'dist', 'versions');
  for (const name of readdirSync(compiled).filter((n) => n.endsWith('.js'))) {
    copyFileSync(join(compiled, name), join(dir, name));
  }
  return dir;
}

/** JavaScript for a fixture's `upPrelude`: the literal of a value (a path, say). */
export const js = (value: unknown): string => JSON.stringify(value);
