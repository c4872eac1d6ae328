import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, renderSchemaDdl, tables } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { compareSchema, describeChange, introspectSchema } from '../../src/index.js';
import { DIALECTS, freshDatabaseUrl } from '../../../../test/support/databases.js';
import { loadMeshviewFixture, meshviewModelDdl } from '../../../../test/support/fixtures.js';

const models = Object.values(tables);

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`compareSchema on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const handles: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(handles.splice(0).map((h) => h.close()));
    });
    async function fresh() {
      const handle = await openDatabase<any>(await freshDatabaseUrl(dialect, 'compare'));
      handles.push(handle);
      return handle.db;
    }

    it("finds nothing between packages/db's models and their own DDL", async () => {
      const db = await fresh();
      for (const statement of renderSchemaDdl(models, dialect)) await sql.raw(statement).execute(db);
      expect((await compareSchema({ db, dialect, models })).map(describeChange)).toEqual([]);
    });

    it('finds nothing between the models and a fresh database at head', async () => {
      const db = await fresh();
      const migrator = await createMeshviewMigrator({ dialect, db });
      await migrator.upgrade('head');
      expect((await compareSchema({ db, dialect, models })).map(describeChange)).toEqual([]);
    });

    it('reads the schema MeshView makes', async () => {
      const db = await fresh();
      for (const statement of meshviewModelDdl(dialect)) await sql.raw(statement).execute(db);
      const schema = await introspectSchema(db, dialect);
      console.log(JSON.stringify(schema.tables.find((t) => t.name === 'node'), null, 1));
    });
  });
}
