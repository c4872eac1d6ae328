import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { DIALECTS, freshDatabaseUrl, schemaSnapshot } from '#test/databases.js';
import { loadMeshviewFixture } from '#test/fixtures.js';

const PARENT = 'b7d9f1a3c5e8';

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `revision 69e00a3c10ef (node.precision_bits) on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      const handles: { close(): Promise<void> }[] = [];
      afterEach(async () => {
        await Promise.all(handles.splice(0).map((h) => h.close()));
      });

      it('adds a nullable precision_bits to node, keeps every node, and takes it away again', async () => {
        const handle = await openDatabase(await freshDatabaseUrl(dialect, 'precision_bits'));
        handles.push(handle);
        const { db } = handle;
        const migrator = await createMeshviewMigrator({ dialect, db });
        await loadMeshviewFixture(db, dialect);
        await migrator.upgrade(PARENT);
        const before = await schemaSnapshot(dialect, db, { exclude: ['migration_status'] });
        const nodesBefore = (
          await sql<Record<string, unknown>>`SELECT * FROM node ORDER BY id`.execute(db)
        ).rows;
        expect(nodesBefore.length).toBeGreaterThan(0);

        await migrator.upgrade('head');
        const atHead = (
          await sql<Record<string, unknown>>`SELECT * FROM node ORDER BY id`.execute(db)
        ).rows;
        // Stored before the writer knew: unknown.
        expect(atHead).toEqual(nodesBefore.map((n) => ({ ...n, precision_bits: null })));
        await sql`UPDATE node SET precision_bits = 13 WHERE last_lat IS NOT NULL`.execute(db);
        const { rows } = await sql<{
          precision_bits: number | null;
        }>`SELECT precision_bits FROM node WHERE last_lat IS NOT NULL`.execute(db);
        expect(rows.map((r) => r.precision_bits)).toEqual(rows.map(() => 13));

        await migrator.downgrade(PARENT);
        expect(await schemaSnapshot(dialect, db, { exclude: ['migration_status'] })).toEqual(
          before,
        );
        expect((await sql`SELECT * FROM node ORDER BY id`.execute(db)).rows).toEqual(nodesBefore);
      });
    },
  );
}
