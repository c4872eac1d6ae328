import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * better-sqlite3's compiled addon where `npm install` builds it, for its `nativeBinding` option:
 * found by path, instead of by the `bindings` package's search through a dozen places (a few
 * milliseconds at every start, felt by the migration CLI). Absent (another build layout), the
 * option is left out and better-sqlite3 searches as usual.
 */
export const sqliteAddon: { readonly nativeBinding?: string } = (() => {
  try {
    const file = fileURLToPath(
      import.meta.resolve('better-sqlite3/build/Release/better_sqlite3.node'),
    );
    return existsSync(file) ? { nativeBinding: file } : {};
  } catch {
    return {};
  }
})();
