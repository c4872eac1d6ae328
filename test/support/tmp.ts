import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot: string = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fresh temporary folder inside the repository (`test/.tmp/`, git-ignored), so that files
 * placed there resolve the repository's node_modules.
 */
export function makeTempDir(prefix: string): string {
  const base = join(repoRoot, 'test', '.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}
