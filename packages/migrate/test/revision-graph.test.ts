import { describe, expect, it } from 'vitest';
import { RevisionGraph, type Revision } from '../src/index.js';

const rev = (id: string, ...parents: string[]): Revision => ({
  id,
  parents,
  message: `rev ${id}`,
  file: `/scripts/${id}_x.ts`,
  runnable: `/dist/${id}_x.js`,
});

const chain = (): RevisionGraph =>
  new RevisionGraph([rev('c3', 'b2'), rev('a1'), rev('b2', 'a1'), rev('d4', 'c3')]);

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('RevisionGraph validation', () => {
  it('orders a chain parents first whatever the file order', () => {
    expect(chain().revisions.map((r) => r.id)).toEqual(['a1', 'b2', 'c3', 'd4']);
    expect(chain().head).toBe('d4');
  });

  it('names both files of a duplicate id', () => {
    const dup = { ...rev('a1'), file: '/scripts/a1_other.ts' };
    expect(() => new RevisionGraph([rev('a1'), dup])).toThrow(
      /a1 is declared twice: in \/scripts\/a1_x.ts and in \/scripts\/a1_other.ts/,
    );
  });

  it('names the file whose parent is missing', () => {
    expect(() => new RevisionGraph([rev('a1'), rev('b2', 'zz')])).toThrow(
      /\/scripts\/b2_x.ts: revision b2 names down_revision zz/,
    );
  });

  it('names the files on a cycle', () => {
    const make = () =>
      new RevisionGraph([rev('a1'), rev('b2', 'a1', 'd4'), rev('c3', 'b2'), rev('d4', 'c3')]);
    expect(codeOf(make)).toBe('MIGRATE_CYCLE');
    expect(make).toThrow(/b2 \(\/scripts\/b2_x.ts\)/);
    expect(make).toThrow(/d4 \(\/scripts\/d4_x.ts\)/);
  });

  it('refuses two heads, naming them, and accepts them once merged', () => {
    const branches = [rev('a1'), rev('b2', 'a1'), rev('c3', 'a1')];
    expect(() => new RevisionGraph(branches)).toThrow(/2 heads: b2 \(\/scripts\/b2_x.ts\), c3/);
    const merged = new RevisionGraph([...branches, rev('m4', 'b2', 'c3')]);
    expect(merged.head).toBe('m4');
  });

  it('accepts no scripts at all', () => {
    expect(new RevisionGraph([]).head).toBeUndefined();
  });
});

describe('RevisionGraph ids', () => {
  it('resolves head, full and unambiguous partial ids', () => {
    const g = new RevisionGraph([rev('abc123'), rev('abd456', 'abc123')]);
    expect(g.resolve('head')).toBe('abd456');
    expect(g.resolve('abc123')).toBe('abc123');
    expect(g.resolve('abc')).toBe('abc123');
  });

  it('lists the candidates of an ambiguous id', () => {
    const g = new RevisionGraph([rev('abc123'), rev('abd456', 'abc123')]);
    expect(codeOf(() => g.resolve('ab'))).toBe('MIGRATE_AMBIGUOUS_REVISION');
    expect(() => g.resolve('ab')).toThrow(/could be abc123, abd456/);
  });

  it('lists the known revisions for an unknown id', () => {
    expect(() => chain().resolve('zz')).toThrow(
      /no revision "zz".*known revisions: a1, b2, c3, d4/,
    );
  });

  it('gives the retired message for a retired id', () => {
    const g = new RevisionGraph([rev('a1')], { old1: 'old1 is retired: use the old tool first' });
    expect(codeOf(() => g.resolve('old1'))).toBe('MIGRATE_RETIRED_REVISION');
    expect(() => g.resolve('old1')).toThrow(/use the old tool first/);
  });
});

describe('RevisionGraph planning', () => {
  it('plans an upgrade from base, from the middle, and to a middle revision', () => {
    const g = chain();
    expect(g.planUpgrade([], 'd4')).toEqual(['a1', 'b2', 'c3', 'd4']);
    expect(g.planUpgrade(['b2'], 'd4')).toEqual(['c3', 'd4']);
    expect(g.planUpgrade([], 'b2')).toEqual(['a1', 'b2']);
    expect(g.planUpgrade(['d4'], 'b2')).toEqual([]);
  });

  it('plans a downgrade children first, to a revision or to base', () => {
    const g = chain();
    expect(g.planDowngrade(['d4'], 'b2')).toEqual(['d4', 'c3']);
    expect(g.planDowngrade(['d4'], null)).toEqual(['d4', 'c3', 'b2', 'a1']);
  });

  it('refuses to downgrade to a revision that is not applied', () => {
    expect(codeOf(() => chain().planDowngrade(['b2'], 'c3'))).toBe('MIGRATE_BAD_TARGET');
  });

  it('gives the version rows of a partly applied merge', () => {
    const g = new RevisionGraph([
      rev('a1'),
      rev('b2', 'a1'),
      rev('c3', 'a1'),
      rev('m4', 'b2', 'c3'),
    ]);
    expect(g.planUpgrade([], 'm4')).toEqual(['a1', 'b2', 'c3', 'm4']);
    expect(g.headsOf(new Set(['a1', 'b2', 'c3']))).toEqual(['b2', 'c3']);
    expect(g.headsOf(new Set(['a1', 'b2', 'c3', 'm4']))).toEqual(['m4']);
    expect(g.planDowngrade(['m4'], 'a1')).toEqual(['m4', 'c3', 'b2']);
  });
});
