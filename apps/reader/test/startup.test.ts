import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { PRODUCT_HEAD } from '#test/product.js';
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { holdMigrationLock } from '#test/migration-lock.js';
import { killAllApps, startApp, waitUntil, writeAppConfig, type LogLine } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';

/** The product chain's head (MeshView 3.0.6's placeholder revision). */
const HEAD = PRODUCT_HEAD;
const READY = /writer ready$/;
const LISTENING = /^reader listening on /;
const WAITING = 'waiting for the schema to be current';

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`reader start on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    afterEach(killAllApps);

    async function setup(options: { waitRetries: number; waitDelayS: number }) {
      const url = await freshDatabaseUrl(dialect, 'reader_start');
      const config = writeAppConfig(makeTempDir('reader-start'), {
        connectionString: url,
        ...options,
      });
      return { url, config };
    }

    /** Runs the writer to ready and stops it, leaving the database at the product head. */
    async function migrateWithWriter(config: string): Promise<void> {
      const writer = startApp('writer', ['--config', config]);
      await writer.waitForLog(READY, 30_000);
      expect(await writer.stop()).toEqual({ code: 0, signal: null });
    }

    it('waits on an empty database and listens within one retry delay of the writer being ready', async () => {
      const waitDelayS = 0.5;
      const { url, config } = await setup({ waitRetries: 40, waitDelayS });
      if (dialect === 'sqlite') expect(existsSync(url.slice('sqlite:///'.length))).toBe(false);

      const reader = startApp('reader', ['--config', config]);
      // Two retry delays have passed once the third try is logged.
      await reader.waitForLog((l) => l.msg === WAITING && Number(l.attempt) >= 3, 20_000);
      expect(reader.running).toBe(true);
      expect(reader.findLog(LISTENING)).toBeUndefined();

      const writer = startApp('writer', ['--config', config]);
      const ready = await writer.waitForLog(READY, 30_000);
      const listening: LogLine = await reader.waitForLog(LISTENING, 10_000);
      expect(listening.time).toBeGreaterThanOrEqual(writer.logs[0]!.time);
      expect(listening.time - ready.time).toBeLessThanOrEqual(waitDelayS * 1000 + 1500);

      const base = String(listening.address);
      const health = (await (await fetch(`${base}/health`)).json()) as {
        schema: { current: string[]; head: string; state: string };
        migration: { in_progress: boolean } | null;
      };
      expect(health.schema).toEqual({ state: 'current', current: [HEAD], head: HEAD });
      // The reader may have read the head's version row a moment before the writer cleared the
      // flag; its watch then sees the cleared flag within one delay.
      await waitUntil(async () => (await fetch(`${base}/ready`)).status === 200, {
        timeoutMs: waitDelayS * 1000 + 1500,
        what: '/ready to answer 200',
      });
      const finalHealth = (await (await fetch(`${base}/health`)).json()) as typeof health;
      expect(finalHealth.migration?.in_progress).toBe(false);

      expect(await reader.stop()).toEqual({ code: 0, signal: null });
      expect(await writer.stop()).toEqual({ code: 0, signal: null });
    });

    it('fails at once, naming both revisions, on a database ahead of its scripts', async () => {
      const waitRetries = 20;
      const waitDelayS = 0.5;
      const { url, config } = await setup({ waitRetries, waitDelayS });
      await migrateWithWriter(config);
      const handle = await openDatabase(url);
      try {
        await sql`UPDATE alembic_version SET version_num = 'abcdef123456'`.execute(handle.db);
      } finally {
        await handle.close();
      }

      const reader = startApp('reader', ['--config', config]);
      const exit = await reader.waitForExit(waitRetries * waitDelayS * 1000);
      expect(exit.code, reader.output()).toBe(1);
      // At once: the first try failed it; no try was logged as a wait.
      expect(reader.filterLogs(WAITING)).toEqual([]);
      expect(reader.stderr).toMatch(/^reader failed \[MIGRATE_DATABASE_AHEAD\]: /);
      expect(reader.stderr).toContain('abcdef123456');
      expect(reader.stderr).toContain(HEAD);
      expect(reader.findLog(LISTENING)).toBeUndefined();
    });

    it('times out without a writer, naming current, head and the flag state', async () => {
      const { url, config } = await setup({ waitRetries: 3, waitDelayS: 0.3 });
      if (dialect === 'sqlite') {
        // An existing, empty database (a missing file is another case: nothing to read yet).
        await (await openDatabase(url)).close();
      }

      const reader = startApp('reader', ['--config', config]);
      const exit = await reader.waitForExit(15_000);
      expect(exit.code, reader.output()).toBe(1);
      expect(reader.filterLogs(WAITING)).toHaveLength(3);
      expect(reader.stderr).toMatch(/^reader failed \[MIGRATE_WAIT_TIMEOUT\]: /);
      expect(reader.stderr).toContain('database at base (no revision)');
      expect(reader.stderr).toContain(`scripts' head ${HEAD}`);
      expect(reader.stderr).toContain('no migration_status table yet');
      expect(reader.findLog(LISTENING)).toBeUndefined();
    });

    if (dialect === 'sqlite') {
      it('times out on a database file that never appears, naming head and flag state', async () => {
        const { config } = await setup({ waitRetries: 3, waitDelayS: 0.3 });
        const reader = startApp('reader', ['--config', config]);
        const exit = await reader.waitForExit(15_000);
        expect(exit.code, reader.output()).toBe(1);
        expect(reader.stderr).toMatch(/^reader failed \[MIGRATE_WAIT_TIMEOUT\]: /);
        expect(reader.stderr).toMatch(/database file \S+ does not exist yet/);
        expect(reader.stderr).toContain(`scripts' head ${HEAD}`);
        expect(reader.stderr).toContain('no migration_status table yet');
        expect(reader.stderr).not.toContain('..');
      });
    }

    it.each([
      ['holds the migration lock', true],
      ['is gone (a stale flag)', false],
    ])(
      'times out on an empty database while the migrator that set the flag %s, and says so',
      async (_what, alive) => {
        const { url, config } = await setup({ waitRetries: 3, waitDelayS: 0.3 });
        const handle = await openDatabase(url);
        try {
          // A migrator that set the flag and never finished: the engine's tables, flag set.
          const migrator = await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db });
          await migrator.ensureTables();
          await sql`UPDATE migration_status SET in_progress = TRUE, from_revision = 'base',
          to_revision = ${HEAD}, owner_pid = 4242, owner_host = 'elsewhere' WHERE id = 1`.execute(
            handle.db,
          );
        } finally {
          await handle.close();
        }
        const release = alive ? await holdMigrationLock(url) : async () => {};
        try {
          const reader = startApp('reader', ['--config', config]);
          const exit = await reader.waitForExit(15_000);
          expect(exit.code, reader.output()).toBe(1);
          expect(reader.stderr).toMatch(/^reader failed \[MIGRATE_WAIT_TIMEOUT\]: /);
          expect(reader.stderr).toContain('database at base (no revision)');
          expect(reader.stderr).toContain(`scripts' head ${HEAD}`);
          expect(reader.stderr).toContain(
            alive
              ? `migration in progress from base to ${HEAD} by pid 4242 on elsewhere`
              : `no migration in progress: the flag is stale (set from base to ${HEAD} by pid 4242 on elsewhere`,
          );
        } finally {
          await release();
        }
      },
    );
  });
}
