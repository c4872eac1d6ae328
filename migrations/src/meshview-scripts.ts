import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScriptLocation } from '@meshview/migrate';

const NAME = '@meshview/migrations';

/** The folder holding the nearest package.json at or above `dir`, or undefined. */
function enclosingPackage(dir: string): string | undefined {
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * This package's folder: the one around this file, whether it runs from `src/` or `dist/src/`;
 * or, when this file is bundled into another program (the migration CLI), the one Node resolves
 * the package's name to from there.
 */
function packageRoot(): string {
  const own = enclosingPackage(dirname(fileURLToPath(import.meta.url)));
  const ownName =
    own && (JSON.parse(readFileSync(join(own, 'package.json'), 'utf8')) as { name?: string }).name;
  if (own && ownName === NAME) return own;
  const root = enclosingPackage(dirname(realpathSync(fileURLToPath(import.meta.resolve(NAME)))));
  if (!root) throw new Error(`cannot find the ${NAME} package folder`);
  return root;
}

const root = packageRoot();

/** MeshView's scripts: TypeScript in `migrations/versions`, compiled to `migrations/dist/versions`. */
export const meshviewScripts: ScriptLocation = {
  dir: join(root, 'versions'),
  compiledDir: join(root, 'dist', 'versions'),
};
