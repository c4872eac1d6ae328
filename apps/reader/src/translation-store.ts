import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A translation file's content: sections of strings. */
export type Translations = Readonly<Record<string, unknown>>;

/**
 * The pages' translation files, `<dir>/<language>.json`, read on first use and again when a
 * file's mtime changes (MeshView's cache). A language name never leaves `dir`: anything but a
 * plain name is treated as missing.
 */
export class TranslationStore {
  readonly #dir: string;
  readonly #cache = new Map<string, { readonly mtimeMs: number; readonly value: Translations }>();

  constructor(dir: string) {
    this.#dir = resolve(dir);
  }

  /** The file of `language`, or undefined when there is none. */
  #path(language: string): string | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(language)) return undefined;
    const path = resolve(this.#dir, `${language}.json`);
    return path.startsWith(this.#dir + sep) ? path : undefined;
  }

  async has(language: string): Promise<boolean> {
    return (await this.get(language)) !== undefined;
  }

  /** The translations of `language`; undefined when there is no such file. */
  async get(language: string): Promise<Translations | undefined> {
    const path = this.#path(language);
    if (path === undefined) return undefined;
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(path)).mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.#cache.get(path);
    if (cached?.mtimeMs === mtimeMs) return cached.value;
    // A malformed file is an error of the deployment: it throws and answers 500.
    const value = JSON.parse(await readFile(path, 'utf8')) as Translations;
    this.#cache.set(path, { mtimeMs, value });
    return value;
  }
}

/** The reader's own `lang/` folder (beside `src/` and `dist/`). */
export const DEFAULT_LANG_DIR = join(fileURLToPath(new URL('..', import.meta.url)), 'lang');
