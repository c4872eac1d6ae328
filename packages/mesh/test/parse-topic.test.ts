import { describe, expect, it } from 'vitest';
import { parseTopic, type ParsedTopic } from '../src/index.js';
import { seededRandom } from '@meshview/sim';

describe('parseTopic', () => {
  it.each([
    ['msh/2/e/LongFast/!abcd1234', 'msh'],
    ['msh/US/2/e/LongFast/!abcd1234', 'msh/US'],
    ['msh/US/CA/SacValley/2/e/LongFast/!abcd1234', 'msh/US/CA/SacValley'],
    ['a/b/c/d/e/f/g/2/e/LongFast/!abcd1234', 'a/b/c/d/e/f/g'],
  ])('reads %s from the right, whatever the number of root levels', (topic, root) => {
    expect(parseTopic(topic)).toEqual({
      kind: 'envelope',
      root,
      format: 'e',
      channel: 'LongFast',
      gateway: '!abcd1234',
    });
  });

  it('reads the old /2/c/ topic of firmware before 2.3', () => {
    expect(parseTopic('msh/EU_868/2/c/MediumFast/!00000001')).toEqual({
      kind: 'envelope',
      root: 'msh/EU_868',
      format: 'c',
      channel: 'MediumFast',
      gateway: '!00000001',
    });
  });

  it('reads the PKI channel', () => {
    expect(parseTopic('msh/US/bayarea/2/e/PKI/!abcd1234')).toMatchObject({
      kind: 'envelope',
      channel: 'PKI',
    });
  });

  it('is not fooled by root levels named like the kinds', () => {
    expect(parseTopic('2/e/msh/2/e/LongFast/!abcd1234')).toMatchObject({
      root: '2/e/msh',
      channel: 'LongFast',
    });
    expect(parseTopic('msh/2/map/2/e/map/!abcd1234')).toMatchObject({
      kind: 'envelope',
      channel: 'map',
    });
  });

  it('reads map topics with the trailing slash the firmware writes, and without', () => {
    expect(parseTopic('msh/US/2/map/')).toEqual({ kind: 'map', root: 'msh/US' });
    expect(parseTopic('msh/US/CA/Bay/2/map')).toEqual({ kind: 'map', root: 'msh/US/CA/Bay' });
  });

  it.each([
    'msh/US/2/json/LongFast/!abcd1234',
    'msh/US/CA/2/json/PKI/!abcd1234',
    'msh/2/json/mqtt/',
  ])('recognises the JSON topic %s', (topic) => {
    expect(parseTopic(topic).kind).toBe('json');
  });

  it.each([
    'msh/US/2/stat/!abcd1234',
    'msh/1/c/LongFast/!abcd1234',
    'msh/US/2/e/LongFast',
    'msh/US/2/map/extra/level',
    'msh/US',
    '',
    '/',
    'msh/US/2/x/LongFast/!abcd1234',
  ])('calls %j another topic', (topic) => {
    expect(parseTopic(topic)).toEqual({ kind: 'other' });
  });
});

/** The first parseTopic, by splitting into levels: the reference the faster one must match. */
function parseTopicBySplitting(topic: string): ParsedTopic {
  const levels = topic.split('/');
  const n = levels.length;
  const kind = levels[n - 3];
  if (n >= 4 && levels[n - 4] === '2' && (kind === 'e' || kind === 'c')) {
    return {
      kind: 'envelope',
      root: levels.slice(0, n - 4).join('/'),
      format: kind,
      channel: levels[n - 2]!,
      gateway: levels[n - 1]!,
    };
  }
  const map = levels[n - 1] === '' ? n - 2 : n - 1;
  if (map >= 1 && levels[map] === 'map' && levels[map - 1] === '2') {
    return { kind: 'map', root: levels.slice(0, map - 1).join('/') };
  }
  for (let i = n - 2; i >= 0; i--) {
    if (levels[i] === '2' && levels[i + 1] === 'json') {
      return { kind: 'json', root: levels.slice(0, i).join('/') };
    }
  }
  return { kind: 'other' };
}

describe('parseTopic against splitting into levels', () => {
  it('agrees on 20,000 random topics made of the levels that matter', () => {
    const next = seededRandom(0x70b1c);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const levels = ['2', '2', 'e', 'c', 'map', 'json', 'msh', '', 'x2', '2json', 'e2', '!ab'];
    const kinds = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const tail = pick([
        [],
        ['2', 'e'],
        ['2', 'c'],
        ['2', 'map'],
        ['2', 'map', ''],
        ['2', 'json'],
      ]);
      const topic = [
        ...Array.from({ length: Math.floor(next() * 4) }, () => pick(levels)),
        ...tail,
        ...Array.from({ length: Math.floor(next() * 4) }, () => pick(levels)),
      ].join(pick(['/', '/', '/', '//']));
      const parsed = parseTopic(topic);
      expect(parsed, topic).toEqual(parseTopicBySplitting(topic));
      kinds.set(parsed.kind, (kinds.get(parsed.kind) ?? 0) + 1);
    }
    for (const kind of ['envelope', 'map', 'json', 'other']) {
      expect(kinds.get(kind)).toBeGreaterThan(1000);
    }
  });
});
