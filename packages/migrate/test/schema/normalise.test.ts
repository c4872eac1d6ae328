import { describe, expect, it } from 'vitest';
import { normaliseDefault, normaliseExpression, normaliseType } from '../../src/index.js';

describe('normaliseType', () => {
  it.each([
    ['VARCHAR', 'character varying', 'varchar'],
    ['VARCHAR(100)', 'character varying(100)', 'varchar(100)'],
    ['BIGINT', 'int8', 'bigint'],
    ['INTEGER', 'int4', 'integer'],
    ['INT', 'integer', 'integer'],
    ['BOOLEAN', 'bool', 'boolean'],
    ['FLOAT', 'double precision', 'float'],
    ['BLOB', 'bytea', 'binary'],
    ['DATETIME', 'timestamp without time zone', 'timestamp'],
    ['TEXT', 'text', 'text'],
  ])('%s (SQLite) and %s (PostgreSQL) are both %s', (sqlite, postgres, canonical) => {
    expect(normaliseType(sqlite, 'sqlite')).toBe(canonical);
    expect(normaliseType(postgres, 'postgres')).toBe(canonical);
  });

  it('keeps real apart from float on PostgreSQL only', () => {
    expect(normaliseType('REAL', 'sqlite')).toBe('float');
    expect(normaliseType('real', 'postgres')).toBe('real');
    expect(normaliseType('varchar(10)', 'postgres')).not.toBe(normaliseType('varchar', 'postgres'));
  });
});

describe('normaliseDefault', () => {
  it.each([
    [["'0'", '0', "('0')", '((0))', "'0'::bigint"], 'bigint', '0'],
    [["'1'", '1', 'TRUE', 'true', "'t'", "'true'::boolean"], 'boolean', 'true'],
    [["'0'", '0', 'FALSE', "'f'"], 'boolean', 'false'],
    [["'x'", "('x')", "'x'::character varying"], 'varchar', "'x'"],
    [
      ['CURRENT_TIMESTAMP', '(CURRENT_TIMESTAMP)', 'now()', "(datetime('now'))"],
      'timestamp',
      'current_timestamp',
    ],
    [["'-1'::integer", '(-1)', '-1'], 'integer', '-1'],
    [['NULL', null], 'text', null],
  ] as const)('%j on %s is %s', (spellings, type, canonical) => {
    for (const spelling of spellings) expect(normaliseDefault(spelling, type)).toBe(canonical);
  });

  it('keeps a quoted number on a text column a string, and differences different', () => {
    expect(normaliseDefault("'0'", 'varchar')).toBe("'0'");
    expect(normaliseDefault("'It''s'", 'text')).toBe("'It''s'");
    expect(normaliseDefault('1', 'bigint')).not.toBe(normaliseDefault('2', 'bigint'));
    expect(normaliseDefault("'a'", 'text')).not.toBe(normaliseDefault("'A'", 'text'));
  });
});

describe('normaliseExpression', () => {
  it('takes PostgreSQL’s stored form and the written form as equal', () => {
    expect(normaliseExpression('(flag AND (score > 0))')).toBe(
      normaliseExpression('flag AND score > 0'),
    );
    expect(normaliseExpression('(a OR (b AND c))')).toBe(normaliseExpression('a OR b AND c'));
    expect(normaliseExpression("((kind)::text = 'x'::text)")).toBe(
      normaliseExpression('"kind" = \'x\''),
    );
    expect(normaliseExpression('a != 1')).toBe(normaliseExpression('a <> 1'));
  });

  it('keeps the parentheses that change the meaning', () => {
    expect(normaliseExpression('(a OR b) AND c')).not.toBe(normaliseExpression('a OR b AND c'));
    expect(normaliseExpression('NOT (a AND b)')).not.toBe(normaliseExpression('NOT a AND b'));
    expect(normaliseExpression("x IN ('a', 'b')")).toBe("x in('a','b')");
  });
});
