import { hostname } from 'node:os';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '#test/databases.js';
import { holdMigrationLock } from '#test/migration-lock.js';
import { PRODUCT_HEAD } from '#test/product.js';
import { buildReader } from './support/reader-app.js';

/** What `/ready` says, besides its status. */
interface ReadyBody {
  readonly reason: string;
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`/ready and /health on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const close of cleanup.splice(0).reverse()) await close();
    });

    async function setup() {
      const reader = await buildReader(dialect, { name: 'readiness' });
      cleanup.push(() => reader.close());
      return { db: reader.writer.db, watch: reader.watch, app: reader.app, url: reader.url };
    }

    it('answers 200 at head, and reports the revision and the flag', async () => {
      const { app } = await setup();
      const ready = await app.inject('/ready');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ ready: true });
      const health = await app.inject('/health');
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({
        status: 'ok',
        ready: true,
        schema: { state: 'current', current: [PRODUCT_HEAD], head: PRODUCT_HEAD },
        migration: { in_progress: false, to_revision: PRODUCT_HEAD, last_error: null },
      });
    });

    it('answers 503 while a migration runs, and 200 again once it is done', async () => {
      const { app, db, watch, url } = await setup();
      // A live migrator: it holds the migration lock and has set the flag.
      const release = await holdMigrationLock(url);
      cleanup.push(release);
      await sql`UPDATE migration_status SET in_progress = TRUE, owner_pid = 77, owner_host = 'w1'
        WHERE id = 1`.execute(db);
      await watch.refresh();
      const during = await app.inject('/ready');
      expect(during.statusCode).toBe(503);
      expect(during.json<ReadyBody>().reason).toMatch(/^migration in progress: .*by pid 77 on w1/);
      expect((await app.inject('/health')).json()).toMatchObject({
        ready: false,
        migration: { in_progress: true, stale: false, owner_pid: 77 },
      });
      await sql`UPDATE migration_status SET in_progress = FALSE WHERE id = 1`.execute(db);
      await watch.refresh();
      expect((await app.inject('/ready')).statusCode).toBe(200);
    });

    it('answers 200 on the next poll once the migrator that set the flag is gone, calling the flag stale', async () => {
      const { app, db, watch, url } = await setup();
      const release = await holdMigrationLock(url);
      // The flag names this very process, which is alive: only the lock tells that its migrator
      // is gone.
      await sql`UPDATE migration_status SET in_progress = TRUE, owner_pid = ${process.pid},
        owner_host = ${hostname()}, from_revision = 'aaa', to_revision = 'bbb' WHERE id = 1`.execute(
        db,
      );
      await watch.refresh();
      expect((await app.inject('/ready')).statusCode).toBe(503);
      await release();
      await watch.refresh();
      const ready = await app.inject('/ready');
      expect(ready.statusCode).toBe(200);
      expect(ready.json<ReadyBody>().reason).toMatch(
        /no migration in progress: the flag is stale \(set from aaa to bbb by pid \d+ on .*; that migrator is gone: no process holds the migration lock\)/,
      );
      expect((await app.inject('/health')).json()).toMatchObject({
        ready: true,
        migration: { in_progress: false, stale: true, owner_pid: process.pid },
      });
    });

    it('answers 503 while the schema is not its head, naming both revisions', async () => {
      const { app, db, watch } = await setup();
      await sql`UPDATE alembic_version SET version_num = '4f1d2a9c8b71'`.execute(db);
      await watch.refresh();
      const behind = await app.inject('/ready');
      expect(behind.statusCode).toBe(503);
      expect(behind.json<ReadyBody>().reason).toMatch(
        new RegExp(`^schema is behind: database at 4f1d2a9c8b71, scripts' head ${PRODUCT_HEAD}`),
      );
      await sql`UPDATE alembic_version SET version_num = 'abcdef123456'`.execute(db);
      await watch.refresh();
      expect((await app.inject('/ready')).json<ReadyBody>().reason).toMatch(
        /^schema is unknown: database at abcdef123456/,
      );
    });
  });
}
