import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, renderSchemaDdl, tables } from '@meshview/db';
import type { MigrateError } from '@meshview/migrate';
import { createMeshviewMigrator } from '@meshview/migrations';
import { DIALECTS, freshDatabaseUrl, schemaSnapshot } from '#test/databases.js';
import { MESHVIEW_HEAD, PRODUCT_REVISIONS } from '#test/product.js';
import { dumpTables, loadMeshviewFixture, meshviewModelDdl } from '#test/fixtures.js';

const MESHVIEW_TABLES = [
  'node',
  'packet',
  'packet_seen',
  'traceroute',
  'node_public_key',
  'example',
];
const ENGINE_TABLES = ['alembic_version', 'migration_status'];

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`MeshView lineage on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const handles: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(handles.splice(0).map((h) => h.close()));
    });

    async function fresh() {
      const handle = await openDatabase(await freshDatabaseUrl(dialect, 'lineage'));
      handles.push(handle);
      const migrator = await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db });
      return { db: handle.db, migrator };
    }

    it('creates MeshView 3.0.5 and 3.0.6 schemas exactly as SQLAlchemy emits them', async () => {
      const { db, migrator } = await fresh();
      const reference = await fresh();
      for (const statement of meshviewModelDdl(dialect)) {
        await sql.raw(statement).execute(reference.db);
      }
      await migrator.upgrade('23dad03d2e42');
      const withoutSnapshot = (lines: string[]) =>
        lines.filter((l) => !l.includes('daily_snapshot'));
      expect(await schemaSnapshot(dialect, db, { exclude: ENGINE_TABLES })).toEqual(
        withoutSnapshot(await schemaSnapshot(dialect, reference.db)),
      );
      await migrator.upgrade(MESHVIEW_HEAD);
      expect(await schemaSnapshot(dialect, db, { exclude: ENGINE_TABLES })).toEqual(
        await schemaSnapshot(dialect, reference.db),
      );
      if (dialect === 'sqlite') {
        // The stored statement text itself is SQLAlchemy's, byte for byte.
        const { rows } = await sql<{ sql: string }>`SELECT sql FROM sqlite_master
          WHERE sql IS NOT NULL AND tbl_name NOT IN ('alembic_version', 'migration_status')`.execute(
          db,
        );
        expect(rows.map((r) => r.sql).sort()).toEqual(meshviewModelDdl('sqlite').sort());
      }
    });

    it("matches packages/db's models at head", async () => {
      const { db, migrator } = await fresh();
      await migrator.upgrade('head');
      const models = await fresh();
      for (const statement of renderSchemaDdl(Object.values(tables), dialect)) {
        await sql.raw(statement).execute(models.db);
      }
      // SQLite's ADD COLUMN (revision 69e00a3c10ef) splices the column into the stored CREATE
      // TABLE text without the models' line breaks: the same text but for whitespace.
      const layoutFree = (lines: string[]) => lines.map((l) => l.replace(/\s+/g, ' '));
      expect(layoutFree(await schemaSnapshot(dialect, db, { exclude: ENGINE_TABLES }))).toEqual(
        layoutFree(await schemaSnapshot(dialect, models.db)),
      );
    });

    it('adopts a MeshView-made database with every row, and gives it back on downgrade', async () => {
      const { db, migrator } = await fresh();
      await loadMeshviewFixture(db, dialect);
      const schemaBefore = await schemaSnapshot(dialect, db, { exclude: ['migration_status'] });
      const statusColumns = async () =>
        (await schemaSnapshot(dialect, db)).filter(
          (l) =>
            l.includes('migration_status') &&
            /\b(id|in_progress|updated_at)\b/.test(l) &&
            !/\b(lock_token|owner_|heartbeat|started_us|from_revision|to_revision|last_error)\b/.test(
              l,
            ),
        );
      const statusBefore = await statusColumns();
      const rowsBefore = await dumpTables(db, MESHVIEW_TABLES);
      expect((JSON.parse(rowsBefore) as Record<string, unknown[]>).packet_seen).toHaveLength(3);

      const status = await migrator.status();
      expect(status.state).toBe('behind');
      expect(status.current).toEqual(['23dad03d2e42']);
      const run = await migrator.upgrade('head');
      expect(run.steps.map((s) => s.revision)).toEqual(PRODUCT_REVISIONS.slice(1));
      expect((await migrator.status()).state).toBe('current');
      const dataTables = MESHVIEW_TABLES.filter((t) => t !== 'example');
      // Every row is kept; the column our chain adds to MeshView's node (precision_bits) is null.
      const atHead = JSON.parse(await dumpTables(db, dataTables)) as Record<string, string[]>;
      const nodesAtHead = atHead.node!.map((row) => JSON.parse(row) as Record<string, unknown>);
      expect(nodesAtHead.map((n) => n.precision_bits)).toEqual(nodesAtHead.map(() => null));
      const dataBefore = JSON.stringify(
        {
          ...atHead,
          node: nodesAtHead.map(({ precision_bits: _, ...meshview }) => JSON.stringify(meshview)),
        },
        null,
        1,
      );
      expect(JSON.parse(rowsBefore)).toMatchObject(JSON.parse(dataBefore));

      await migrator.downgrade('23dad03d2e42');
      expect(await migrator.currentRevisions()).toEqual(['23dad03d2e42']);
      expect(await schemaSnapshot(dialect, db, { exclude: ['migration_status'] })).toEqual(
        schemaBefore,
      );
      // Every data row is back; the demo table comes back as its revision made it, empty.
      expect(await dumpTables(db, dataTables)).toEqual(dataBefore);
      expect(JSON.parse(await dumpTables(db, ['example']))).toEqual({ example: [] });
      if (dialect === 'postgres') expect(await statusColumns()).toEqual(statusBefore);
      // MeshView 3.0.5's own statements on its status table still work.
      await sql
        .raw(
          'UPDATE migration_status SET in_progress = TRUE, updated_at = CURRENT_TIMESTAMP WHERE id = 1',
        )
        .execute(db);
      await sql
        .raw(
          'UPDATE migration_status SET in_progress = FALSE, updated_at = CURRENT_TIMESTAMP WHERE id = 1',
        )
        .execute(db);
    });

    it('tells a database at an older MeshView revision to go through MeshView 3.0.5 first', async () => {
      const { db, migrator } = await fresh();
      await loadMeshviewFixture(db, dialect);
      await sql`UPDATE alembic_version SET version_num = 'a0c9c13e118f'`.execute(db);
      expect((await migrator.status()).state).toBe('retired');
      const error = (await migrator.upgrade('head').catch((e: unknown) => e)) as MigrateError;
      expect(error.code).toBe('MIGRATE_RETIRED_REVISION');
      expect(error.message).toMatch(
        /a0c9c13e118f.*upgrade this database with MeshView 3\.0\.5 first/,
      );
      expect(await migrator.currentRevisions()).toEqual(['a0c9c13e118f']);
    });
  });
}
