import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '#test/tmp.js';

/** A translations file: section → key → text. */
export type Translations = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * The reader's translations for `lang` (apps/reader/lang/<lang>.json), for expected texts: a
 * test finds the words the visitor sees without spelling them out again.
 *
 * @example
 * const es = translations('es');
 * await page.getByRole('link', { name: es.base!.nodes }).waitFor();
 */
export function translations(lang: 'en' | 'es'): Translations {
  return JSON.parse(
    readFileSync(join(repoRoot, 'apps', 'reader', 'lang', `${lang}.json`), 'utf8'),
  ) as Translations;
}
