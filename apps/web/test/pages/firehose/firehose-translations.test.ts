import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lang = (code: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../reader/lang/${code}.json`, import.meta.url), 'utf8'),
  ) as Record<string, Record<string, string>>;

const SOURCES = [
  '../../../src/pages/firehose-page.tsx',
  ...readdirSync(new URL('../../../src/pages/firehose/', import.meta.url))
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => `../../../src/pages/firehose/${name}`),
];

describe("the firehose's translations", () => {
  it('has every firehose key the page uses, in English and Spanish alike', () => {
    const en = lang('en').firehose!;
    const es = lang('es').firehose!;
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    const used = new Set<string>();
    for (const file of SOURCES) {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      // `t('firehose', 'key'`, and keys picked by a condition: `t('firehose', x ? 'a' : 'b'`.
      for (const match of text.matchAll(/'firehose',\s*([^)]*?)[,)]/g)) {
        for (const key of match[1]!.matchAll(/'(\w+)'/g)) used.add(key[1]!);
      }
      // Cell labels: `label('time')`.
      for (const match of text.matchAll(/label\('(\w+)'\)/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(25);
    for (const key of used) {
      expect(en[key], `firehose.${key} in en`).toBeTruthy();
      expect(es[key], `firehose.${key} in es`).toBeTruthy();
    }
  });
});
