import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScriptLocation } from '@meshview/migrate';

/** This package's folder, found from this file whether it runs from `src/` or `dist/src/`. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the @meshview/migrations package folder');
    dir = parent;
  }
  return dir;
}

const root = packageRoot();

/** MeshView's scripts: TypeScript in `migrations/versions`, compiled to `migrations/dist/versions`. */
export const meshviewScripts: ScriptLocation = {
  dir: join(root, 'versions'),
  compiledDir: join(root, 'dist', 'versions'),
};
