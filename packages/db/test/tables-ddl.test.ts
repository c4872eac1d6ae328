import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSchemaDdl, type DialectName } from '@meshview/schema';
import { tables } from '../src/index.js';
import { repoRoot } from '#test/tmp.js';

function reference(dialect: DialectName): string {
  const text = readFileSync(
    join(repoRoot, 'test', 'fixtures', `meshview-schema.${dialect}.sql`),
    'utf8',
  );
  return text
    .split('\n')
    .filter((line) => !line.startsWith('-- '))
    .join('\n');
}

const MESHVIEW_TABLES = [
  'node',
  'packet',
  'packet_seen',
  'traceroute',
  'node_public_key',
  'daily_snapshot',
];

// Our columns on MeshView's tables (migration 69e00a3c10ef): left out of the comparison.
const OUR_COLUMNS = ['precision_bits'];

const READER_INDEXES = [
  'idx_packet_portnum_time_us',
  'idx_packet_channel_time_us',
  'idx_packet_to_node_time_us',
  'idx_packet_from_node_portnum_time_us',
  'idx_packet_channel_portnum_time_us',
];

describe("MeshView's tables as DDL", () => {
  it.each(['sqlite', 'postgres'] as const)(
    "renders MeshView's tables exactly as SQLAlchemy 1.4's create_all does (%s)",
    (dialect) => {
      // MeshView's own tables, not ours (writer_stats, the stats roll-ups).
      const meshview = Object.values(tables).filter((t) => MESHVIEW_TABLES.includes(t.name));
      // The reader's indexes on MeshView's tables are ours too (migration a1c3e5f7b9d2).
      const ours = (statement: string) => READER_INDEXES.some((n) => statement.includes(` ${n} `));
      const ddl = renderSchemaDdl(meshview, dialect)
        .filter((statement) => !ours(statement))
        .map((statement) =>
          statement
            .split('\n')
            .filter((line) => !OUR_COLUMNS.some((c) => line.startsWith(`\t${c} `)))
            .join('\n'),
        )
        .map((statement) => `${statement};\n`)
        .join('');
      expect(ddl).toBe(reference(dialect));
    },
  );
});
