import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MENU } from '@meshview/api/pages';
import { HEATMAP_DAYS } from '../src/pages/heatmap/heatmap-days.js';
import { DAYS, SORT_KEYS } from '../src/pages/node-list/node-list-view.js';

const lang = (code: string) =>
  JSON.parse(
    readFileSync(new URL(`../../reader/lang/${code}.json`, import.meta.url), 'utf8'),
  ) as Record<string, Record<string, string>>;

/** Keys the shell and the node list look up by a computed name (menu entries, columns, periods). */
const COMPUTED = {
  base: MENU.map((entry) => entry.key),
  nodelist: [...SORT_KEYS, ...DAYS.map((days) => `days_${days}`)],
};

/** Every `t('<section>', '<key>'` written out in the shell's and the node list's sources. */
function literalKeys(section: string): string[] {
  const files = [
    '../src/app.tsx',
    '../src/components/data-state.tsx',
    '../src/pages/not-found-page.tsx',
    '../src/pages/node-list-page.tsx',
    '../src/pages/node-list/node-list-filters.tsx',
    '../src/pages/node-list/node-table.tsx',
  ];
  const keys = new Set<string>();
  for (const file of files) {
    const text = readFileSync(new URL(file, import.meta.url), 'utf8');
    for (const match of text.matchAll(new RegExp(`'${section}',\\s*'(\\w+)'`, 'g'))) {
      keys.add(match[1]!);
    }
  }
  return [...keys];
}

describe("the shell's and the node list's translations", () => {
  for (const section of ['base', 'nodelist'] as const) {
    it(`has every ${section} key the pages use, in English and Spanish alike`, () => {
      const en = lang('en')[section]!;
      const es = lang('es')[section]!;
      expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
      const used = [...literalKeys(section), ...COMPUTED[section]];
      expect(used.length).toBeGreaterThan(5);
      for (const key of used) {
        expect(en[key], `${section}.${key} in en`).toBeTruthy();
        expect(es[key], `${section}.${key} in es`).toBeTruthy();
      }
    });
  }
});

/** Every `t('<section>', '<key>'` written out in `files` (paths from apps/web/src). */
function keysIn(section: string, files: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const file of files) {
    const text = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
    for (const match of text.matchAll(new RegExp(`'${section}',\\s*'(\\w+)'`, 'g'))) {
      keys.add(match[1]!);
    }
  }
  return [...keys];
}

describe("the base map's and the heat map's translations", () => {
  const SECTIONS = {
    basemap: {
      files: ['components/base-map/use-base-map.ts', 'components/base-map/base-map-note.tsx'],
      // The note's keys are picked by state.
      computed: ['tiles_unavailable', 'outline_only', 'no_background'],
    },
    heatmap: {
      files: ['pages/heatmap-page.tsx', 'pages/heatmap/heat-legend.tsx'],
      computed: HEATMAP_DAYS.map((days) => `days_${days}`),
    },
  };
  for (const [section, { files, computed }] of Object.entries(SECTIONS)) {
    it(`has every ${section} key the code uses, in English and Spanish alike`, () => {
      const en = lang('en')[section]!;
      const es = lang('es')[section]!;
      expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
      const used = [...keysIn(section, files), ...computed];
      expect(used.length).toBeGreaterThan(3);
      for (const key of used) {
        expect(en[key], `${section}.${key} in en`).toBeTruthy();
        expect(es[key], `${section}.${key} in es`).toBeTruthy();
      }
      for (const key of Object.keys(en)) expect(used, `${section}.${key} is used`).toContain(key);
    });
  }
});
