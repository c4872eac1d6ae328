import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translations } from '@meshview/api';

/** The languages the reader has translations for (`apps/reader/lang/<code>.json`). */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
] as const;

const STORAGE_KEY = 'meshview.lang';

/** The visitor's language: their choice, else the site's `[site] language`, else English. */
export function initialLanguage(siteLanguage: string): string {
  const chosen = safeStorage()?.getItem(STORAGE_KEY);
  const known = (code: string | null | undefined) =>
    LANGUAGES.some((language) => language.code === code) ? code : undefined;
  return known(chosen) ?? known(siteLanguage) ?? 'en';
}

/** Remembers the visitor's language. */
export function rememberLanguage(code: string): void {
  safeStorage()?.setItem(STORAGE_KEY, code);
}

/** localStorage, or `undefined` where the browser refuses it (private modes, sandboxed frames). */
export function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Translations and the language they are in. */
export interface I18n {
  readonly lang: string;
  /** `t('nodelist', 'search')`; the key itself when it is missing (visible, never blank). */
  readonly t: (section: string, key: string, values?: Record<string, string | number>) => string;
  readonly setLang: (code: string) => void;
}

/** Builds `t` over a translations file, filling `{name}` placeholders from `values`. */
export function translator(translations: Translations): I18n['t'] {
  return (section, key, values) => {
    const text = translations[section]?.[key] ?? `${section}.${key}`;
    if (!values) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  };
}

const I18nContext = createContext<I18n>({
  lang: 'en',
  t: (section, key) => `${section}.${key}`,
  setLang: () => undefined,
});

/** Gives the components below it the translations. */
export function I18nProvider(props: { value: I18n; children: ComponentChildren }) {
  return <I18nContext.Provider value={props.value}>{props.children}</I18nContext.Provider>;
}

/** The translations, in a component. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
