import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, renderSchemaDdl, tables, type Database } from '@meshview/db';
import { compareSchema, describeChange } from '@meshview/migrate';
import { createMeshviewMigrator } from '@meshview/migrations';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { loadMeshviewFixture } from '#test/fixtures.js';

const models = Object.values(tables);

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `packages/db's models and the chain on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      const handles: { close(): Promise<void> }[] = [];
      afterEach(async () => {
        await Promise.all(handles.splice(0).map((h) => h.close()));
      });
      async function fresh(): Promise<Kysely<Database>> {
        const handle = await openDatabase(await freshDatabaseUrl(dialect, 'models'));
        handles.push(handle);
        return handle.db;
      }
      const differences = async (db: QueryExecutorProvider) =>
        (await compareSchema({ db, dialect, models })).map(describeChange);

      it("finds nothing between packages/db's models and their own DDL", async () => {
        const db = await fresh();
        for (const statement of renderSchemaDdl(models, dialect))
          await sql.raw(statement).execute(db);
        expect(await differences(db)).toEqual([]);
      });

      it('finds nothing between the models and a fresh database at head', async () => {
        const db = await fresh();
        await (await createMeshviewMigrator({ dialect, db })).upgrade('head');
        expect(await differences(db)).toEqual([]);
      });

      it('finds nothing between the models and a MeshView-made database after upgrade head', async () => {
        const db = await fresh();
        await loadMeshviewFixture(db, dialect);
        await (await createMeshviewMigrator({ dialect, db })).upgrade('head');
        // Revision a1c3e5f7b9d2 drops MeshView's demo table `example`, and creates the index
        // `idx_traceroute_packet_id` MeshView's chain never made.
        expect(await differences(db)).toEqual([]);
      });
    },
  );
}
