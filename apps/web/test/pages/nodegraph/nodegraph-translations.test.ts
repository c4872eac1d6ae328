import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRAPH_HOURS } from '../../../src/pages/nodegraph/graph-query.js';
import { ROLE_GROUPS } from '../../../src/pages/nodegraph/role-style.js';

const lang = (code: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../reader/lang/${code}.json`, import.meta.url), 'utf8'),
  ) as Record<string, Record<string, string>>;

/** The graph page's sources: the page and its folder. */
const SOURCES = [
  new URL('../../../src/pages/nodegraph-page.tsx', import.meta.url),
  ...readdirSync(new URL('../../../src/pages/nodegraph/', import.meta.url))
    .filter((f) => f.endsWith('.tsx') || f.endsWith('.ts'))
    .map((f) => new URL(`../../../src/pages/nodegraph/${f}`, import.meta.url)),
];

describe("the mesh graph's translations", () => {
  it('has every key the page uses, in English and Spanish alike, and no unused one', () => {
    const en = lang('en').nodegraph!;
    const es = lang('es').nodegraph!;
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    const used = new Set<string>([
      // Keys picked by value: the windows, the kinds of report, the role groups.
      ...GRAPH_HOURS.map((h) => `hours_${h}`),
      'kind_traceroute',
      'kind_neighbor',
      ...ROLE_GROUPS.map((g) => `role_${g.key}`),
    ]);
    for (const file of SOURCES) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/'nodegraph',\s*'(\w+)'/g)) used.add(match[1]!);
      // `t('nodegraph', cond ? 'a' : 'b')`.
      for (const match of text.matchAll(/'nodegraph',\s*[\w.]+ \? '(\w+)' : '(\w+)'/g)) {
        used.add(match[1]!);
        used.add(match[2]!);
      }
    }
    for (const key of used) {
      expect(en[key], `nodegraph.${key} in en`).toBeTruthy();
      expect(es[key], `nodegraph.${key} in es`).toBeTruthy();
    }
    for (const key of Object.keys(en)) expect([...used], `nodegraph.${key} is used`).toContain(key);
  });
});
