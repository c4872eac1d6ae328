import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseConnection } from '@meshview/db/connection';
import { Migrator, waitForMigrations } from '../src/index.js';
import { createTestDatabase, pgExecute, pgSkipReason, testPgUrl } from '#test/postgres.js';
import { writeFixtureScripts } from '#test/scripts.js';
import { makeTempDir } from '#test/tmp.js';

// information_schema hides the tables a role may not read; the engine must not take a
// migrated database for one at base because of that (issue 10).
describe.skipIf(pgSkipReason)(
  `status() for a role that may not read${pgSkipReason ? ` (${pgSkipReason})` : ''}`,
  () => {
    const role = `mv_noread_${process.pid}`;
    const scripts = {
      dir: writeFixtureScripts(join(makeTempDir('read-access'), 'versions'), [
        { id: 'aaa111', up: ['CREATE TABLE t1 (id INTEGER PRIMARY KEY)'] },
      ]),
    };
    let url = '';
    const handles: DatabaseConnection[] = [];
    const admin = (statement: string, on = url) => pgExecute(on, statement);
    const migratorAs = async (user: string): Promise<Migrator> => {
      const u = new URL(url);
      u.username = user;
      const handle = await openDatabase(u.toString(), { readOnly: true });
      handles.push(handle);
      return Migrator.create({ dialect: 'postgres', db: handle.db, scripts });
    };

    beforeAll(async () => {
      url = await createTestDatabase(`read_access_${process.pid}`);
      const owner = await openDatabase(url);
      try {
        await (await Migrator.create({ dialect: 'postgres', db: owner.db, scripts })).upgrade();
      } finally {
        await owner.close();
      }
      await admin(`DROP ROLE IF EXISTS ${role}`, testPgUrl);
      await admin(`CREATE ROLE ${role} LOGIN`, testPgUrl);
    });
    afterAll(async () => {
      await Promise.all(handles.map((h) => h.close()));
      if (!url) return;
      await admin(
        `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`,
        testPgUrl,
      );
      await admin(`DROP ROLE IF EXISTS ${role}`, testPgUrl);
    });

    it('fails with permission denied (42501) without SELECT, rather than "at base"', async () => {
      const migrator = await migratorAs(role);
      await expect(migrator.status()).rejects.toMatchObject({
        code: '42501',
        message: 'permission denied for table alembic_version',
      });
      // And the wait gives up at once only when told it is an access problem (the apps explain
      // it first); raw, it is one more try.
      await expect(
        waitForMigrations(migrator, { maxRetries: 2, retryDelayMs: 1 }),
      ).rejects.toMatchObject({ code: 'MIGRATE_WAIT_TIMEOUT' });
    });

    it('sees the revision once the role may read', async () => {
      await admin(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
      try {
        const status = await (await migratorAs(role)).status();
        expect(status).toMatchObject({ state: 'current', current: ['aaa111'] });
      } finally {
        await admin(`REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM ${role}`);
      }
    });

    it('says to GRANT USAGE when the role may use no schema of its search path', async () => {
      await admin('REVOKE USAGE ON SCHEMA public FROM PUBLIC');
      try {
        const migrator = await migratorAs(role);
        const error = await migrator.status().then(
          () => undefined,
          (e: unknown) => e as Error & { code: string },
        );
        expect(error).toMatchObject({ code: 'DB_PERMISSION_DENIED' });
        expect(error?.message).toContain(`role "${role}" may use no schema of its search_path`);
        expect(error?.message).toContain(`GRANT USAGE ON SCHEMA public TO "${role}"`);
        // An access problem ends the wait at once.
        await expect(
          waitForMigrations(migrator, { maxRetries: 50, retryDelayMs: 1000 }),
        ).rejects.toMatchObject({ code: 'DB_PERMISSION_DENIED' });
      } finally {
        await admin('GRANT USAGE ON SCHEMA public TO PUBLIC');
      }
    });
  },
);
