import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { killAllApps, startApp, waitUntil, writeAppConfig } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';
import { js, PRODUCT_HEAD, PRODUCT_REVISIONS, productChainWith } from '#test/product-chain.js';

const READY = /writer ready$/;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`writer start on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    afterEach(killAllApps);

    async function setup() {
      const url = await freshDatabaseUrl(dialect, 'writer_start');
      const config = writeAppConfig(makeTempDir('writer-start'), { connectionString: url });
      return { url, config };
    }

    /** Runs `work` on a connection of the test's own. */
    async function withDb<T>(url: string, work: (db: Kysely<unknown>) => Promise<T>): Promise<T> {
      const handle = await openDatabase<unknown>(url);
      try {
        return await work(handle.db);
      } finally {
        await handle.close();
      }
    }

    const statusRow = (db: Kysely<unknown>) =>
      sql<Record<string, unknown>>`SELECT * FROM migration_status WHERE id = 1`
        .execute(db)
        .then((r) => r.rows[0]);
    const versions = (db: Kysely<unknown>) =>
      sql<{ version_num: string }>`SELECT version_num FROM alembic_version`
        .execute(db)
        .then((r) => r.rows.map((row) => row.version_num));

    it('leaves the migration_status row untouched when restarted on an up-to-date database', async () => {
      const { url, config } = await setup();
      const first = startApp('writer', ['--config', config]);
      const firstReady = await first.waitForLog(READY, 30_000);
      expect(firstReady.applied).toContain(PRODUCT_HEAD);
      expect(await first.stop()).toEqual({ code: 0, signal: null });

      const before = await withDb(url, statusRow);
      expect(before).toMatchObject({ id: 1, lock_token: null, to_revision: PRODUCT_HEAD });
      const stoppedAt = Date.now();
      // CURRENT_TIMESTAMP has a resolution of one second on SQLite: let the database's clock move
      // past updated_at, so that any write of it by the restart would show.
      await withDb(url, (db) =>
        waitUntil(
          async () => {
            const { rows } = await sql<{ later: number | boolean }>`SELECT CASE WHEN
              CURRENT_TIMESTAMP > updated_at THEN 1 ELSE 0 END AS later
              FROM migration_status WHERE id = 1`.execute(db);
            return Date.now() - stoppedAt > 1000 && Number(rows[0]?.later) === 1;
          },
          { timeoutMs: 5000, what: "the database's clock to pass updated_at" },
        ),
      );

      const second = startApp('writer', ['--config', config]);
      const secondReady = await second.waitForLog(READY, 30_000);
      expect(secondReady.applied).toEqual([]);
      expect(second.findLog('database is up to date; nothing to do')).toBeDefined();
      expect(second.findLog(/^upgrading/)).toBeUndefined();
      expect(await withDb(url, statusRow)).toEqual(before);
      expect(await second.stop()).toEqual({ code: 0, signal: null });
      expect(await withDb(url, statusRow)).toEqual(before);
    });

    it('exits 1 naming both revisions on a database ahead of its scripts, flag untouched', async () => {
      const { url, config } = await setup();
      const writer = startApp('writer', ['--config', config]);
      await writer.waitForLog(READY, 30_000);
      expect(await writer.stop()).toEqual({ code: 0, signal: null });
      const before = await withDb(url, async (db) => {
        await sql`UPDATE alembic_version SET version_num = 'abcdef123456'`.execute(db);
        return statusRow(db);
      });

      const again = startApp('writer', ['--config', config]);
      const exit = await again.waitForExit(30_000);
      expect(exit.code, again.output()).toBe(1);
      expect(again.stderr).toMatch(/^writer failed \[MIGRATE_DATABASE_AHEAD\]: /);
      expect(again.stderr).toContain('abcdef123456');
      expect(again.stderr).toContain(PRODUCT_HEAD);
      expect(again.findLog(READY)).toBeUndefined();
      expect(await withDb(url, statusRow)).toEqual(before);
      expect(await withDb(url, versions)).toEqual(['abcdef123456']);
    });

    it('exits 1 when a revision fails, rolls it back whole and clears the flag with the error', async () => {
      const { url, config } = await setup();
      const scripts = productChainWith([
        {
          id: 'bad0001',
          down: PRODUCT_HEAD,
          up: ['CREATE TABLE will_vanish (id INTEGER)', 'INSERT INTO no_such_table VALUES (1)'],
        },
      ]);
      const writer = startApp('writer', ['--config', config, '--migrations', scripts]);
      const exit = await writer.waitForExit(30_000);
      expect(exit.code, writer.output()).toBe(1);
      expect(writer.stderr).toMatch(/^writer failed \[MIGRATE_REVISION_FAILED\]: .*bad0001/);
      expect(writer.findLog(READY)).toBeUndefined();

      await withDb(url, async (db) => {
        // Each product revision committed on its own; the failed one left nothing.
        expect(await versions(db)).toEqual([PRODUCT_HEAD]);
        const tables =
          dialect === 'sqlite'
            ? await sql`SELECT name FROM sqlite_master WHERE name = 'will_vanish'`.execute(db)
            : await sql`SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name = 'will_vanish'`.execute(db);
        expect(tables.rows).toEqual([]);
        const row = await statusRow(db);
        expect(row).toMatchObject({
          in_progress: false,
          lock_token: null,
          from_revision: 'base',
          to_revision: 'bad0001',
        });
        expect(String(row?.last_error)).toContain('bad0001');
      });
    });

    it('stops on SIGTERM after the running revision, clearing the flag, and exits 0', async () => {
      const { url, config } = await setup();
      const marker = join(makeTempDir('writer-stop'), 'started');
      const scripts = productChainWith([
        {
          id: 'slow0001',
          down: PRODUCT_HEAD,
          upPrelude: `(await import('node:fs')).writeFileSync(${js(marker)}, 'started');
            await new Promise((r) => setTimeout(r, 1500));`,
          up: ['CREATE TABLE slow_done (id INTEGER)'],
        },
        { id: 'next0002', down: 'slow0001', up: ['CREATE TABLE never_made (id INTEGER)'] },
      ]);
      const writer = startApp('writer', ['--config', config, '--migrations', scripts]);
      await waitUntil(() => existsSync(marker), { timeoutMs: 30_000, what: 'slow0001 to start' });
      writer.kill('SIGTERM');
      const exit = await writer.waitForExit(30_000);
      expect(exit.code, writer.output()).toBe(0);
      expect(writer.findLog(/stop requested/)).toBeDefined();
      expect(writer.findLog(READY)).toBeUndefined();

      await withDb(url, async (db) => {
        // The running revision completed; the next one never began.
        expect(await versions(db)).toEqual(['slow0001']);
        const never =
          dialect === 'sqlite'
            ? await sql`SELECT name FROM sqlite_master WHERE name = 'never_made'`.execute(db)
            : await sql`SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name = 'never_made'`.execute(db);
        expect(never.rows).toEqual([]);
        const row = await statusRow(db);
        expect(row).toMatchObject({ in_progress: false, lock_token: null });
        expect(String(row?.last_error)).toContain(
          `stopped on request after ${PRODUCT_REVISIONS.length + 1} of ` +
            `${PRODUCT_REVISIONS.length + 2} revision(s); the database is at slow0001`,
        );
      });
    });
  });
}
