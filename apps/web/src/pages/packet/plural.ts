import type { I18n } from '../../lib/i18n.js';

/**
 * `t('packet', '<key>_one' | '<key>_other', { count })`: the form for `count` (English and
 * Spanish both use "one" for exactly 1 only).
 */
export function plural(t: I18n['t'], key: string, count: number): string {
  return t('packet', count === 1 ? `${key}_one` : `${key}_other`, { count });
}
