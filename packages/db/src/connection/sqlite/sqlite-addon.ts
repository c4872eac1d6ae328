import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * better-sqlite3's compiled addon where `npm install` builds it, for its `nativeBinding` option:
 * found by path, instead of by the `bindings` package's search through a dozen places (a few
 * milliseconds at every start, felt by the migration CLI). Absent (another build layout), the
 * option is left out and better-sqlite3 searches as usual.
 *
 * better-sqlite3's folder is the one Node finds for the name, the first
 * `node_modules/better-sqlite3` above this file, looked up by hand: Node's resolver cost the
 * migration CLI a millisecond or two a run.
 */
export const sqliteAddon: { readonly nativeBinding?: string } = (() => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const folder = join(dir, 'node_modules', 'better-sqlite3');
    if (existsSync(join(folder, 'package.json'))) {
      const file = join(folder, 'build', 'Release', 'better_sqlite3.node');
      return existsSync(file) ? { nativeBinding: file } : {};
    }
    if (dirname(dir) === dir) return {};
  }
})();
