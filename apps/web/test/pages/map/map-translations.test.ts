import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAP_DAYS } from '../../../src/pages/map/map-filters.js';

const lang = (code: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../reader/lang/${code}.json`, import.meta.url), 'utf8'),
  ) as Record<string, Record<string, string>>;

/** The map's and the kiosk's sources. */
const SOURCES = [
  '../../../src/pages/map-page.tsx',
  '../../../src/pages/kiosk-page.tsx',
  ...readdirSync(new URL('../../../src/pages/map/', import.meta.url))
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => `../../../src/pages/map/${name}`),
];

describe("the map's translations", () => {
  it('has every map key the pages use, in English and Spanish alike', () => {
    const en = lang('en').map!;
    const es = lang('es').map!;
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    const used = new Set(MAP_DAYS.map((days) => `days_${days}`));
    for (const file of SOURCES) {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      for (const match of text.matchAll(/'map',\s*'(\w+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    for (const key of used) {
      expect(en[key], `map.${key} in en`).toBeTruthy();
      expect(es[key], `map.${key} in es`).toBeTruthy();
    }
  });
});
