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
 * or, when this file is bundled into another program (the migration CLI), the one Node finds for
 * the package's name from there, the first `node_modules/@meshview/migrations` above it. Looked
 * up by hand: resolving the name with Node's resolver, which reads the package's `exports` to
 * find its entry file, cost the CLI a millisecond or two a run.
 */
function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const own = enclosingPackage(here);
  const ownName =
    own && (JSON.parse(readFileSync(join(own, 'package.json'), 'utf8')) as { name?: string }).name;
  if (own && ownName === NAME) return own;
  for (let dir = here; ; dir = dirname(dir)) {
    const folder = join(dir, 'node_modules', NAME);
    if (existsSync(join(folder, 'package.json'))) return realpathSync(folder);
    if (dirname(dir) === dir) throw new Error(`cannot find the ${NAME} package folder`);
  }
}

const root = packageRoot();

/** MeshView's scripts: TypeScript in `migrations/versions`, compiled to `migrations/dist/versions`. */
export const meshviewScripts: ScriptLocation = {
  dir: join(root, 'versions'),
  compiledDir: join(root, 'dist', 'versions'),
};
