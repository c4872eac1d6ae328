import { sql, type QueryExecutorProvider } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { DIALECTS, freshDatabaseUrl, schemaSnapshot } from '#test/databases.js';
import { loadMeshviewFixture } from '#test/fixtures.js';

const READER_INDEXES = [
  'idx_packet_channel_time_us',
  'idx_packet_from_node_portnum_time_us',
  'idx_packet_portnum_time_us',
  'idx_packet_to_node_time_us',
];

async function indexNames(dialect: string, db: QueryExecutorProvider): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index'`
      : sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes
          WHERE schemaname = current_schema()`;
  return (await query.execute(db)).rows.map((r) => r.name).sort();
}

async function hasTable(
  dialect: string,
  db: QueryExecutorProvider,
  table: string,
): Promise<boolean> {
  const query =
    dialect === 'sqlite'
      ? sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${table}`
      : sql`SELECT 1 FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_name = ${table}`;
  return (await query.execute(db)).rows.length > 0;
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `revision a1c3e5f7b9d2 (reader indexes) on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      const handles: { close(): Promise<void> }[] = [];
      afterEach(async () => {
        await Promise.all(handles.splice(0).map((h) => h.close()));
      });
      async function fresh() {
        const handle = await openDatabase(await freshDatabaseUrl(dialect, 'reader_idx'));
        handles.push(handle);
        const migrator = await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db });
        return { db: handle.db, migrator };
      }

      it('adds the missing traceroute index and the reader indexes, drops example, and undoes it', async () => {
        const { db, migrator } = await fresh();
        await loadMeshviewFixture(db, dialect);
        await migrator.upgrade('ef8c9c0f7bd5');
        const before = await schemaSnapshot(dialect, db, { exclude: ['migration_status'] });
        expect(await indexNames(dialect, db)).not.toContain('idx_traceroute_packet_id');
        expect(await hasTable(dialect, db, 'example')).toBe(true);

        await migrator.upgrade('head');
        const names = await indexNames(dialect, db);
        expect(names).toEqual(
          expect.arrayContaining([...READER_INDEXES, 'idx_traceroute_packet_id']),
        );
        expect(names).not.toContain('idx_example_name');
        expect(await hasTable(dialect, db, 'example')).toBe(false);

        await migrator.downgrade('ef8c9c0f7bd5');
        expect(await schemaSnapshot(dialect, db, { exclude: ['migration_status'] })).toEqual(
          before,
        );
      });

      it('keeps the traceroute index a fresh baseline made, once', async () => {
        const { db, migrator } = await fresh();
        await migrator.upgrade('head');
        const names = await indexNames(dialect, db);
        expect(names.filter((n) => n === 'idx_traceroute_packet_id')).toHaveLength(1);
        expect(names).toEqual(expect.arrayContaining(READER_INDEXES));
      });
    },
  );
}
