import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { sql, type QueryExecutorProvider } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db/connection';
import {
  Migrator,
  waitForMigrations,
  type MigrateError,
  type MigrationLogger,
} from '../src/index.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { holdMigrationLock } from '#test/migration-lock.js';
import { writeFixtureScripts, type FixtureRevision } from '#test/scripts.js';
import { makeTempDir } from '#test/tmp.js';

const CHAIN: FixtureRevision[] = [
  { id: 'aaa111', up: ['CREATE TABLE t1 (id INTEGER PRIMARY KEY)'], downgrade: ['DROP TABLE t1'] },
  {
    id: 'bbb222',
    down: 'aaa111',
    up: ['CREATE TABLE t2 (id INTEGER PRIMARY KEY)'],
    downgrade: ['DROP TABLE t2'],
  },
];

const STARTED_US = 1795682826845000;
const STARTED = new Date(STARTED_US / 1000).toISOString();

interface Logged {
  readonly level: 'info' | 'warn' | 'error' | 'debug';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/** A logger that keeps what it is told, to check what the engine says. */
function recordingLogger(): MigrationLogger & { readonly lines: Logged[] } {
  const lines: Logged[] = [];
  const at =
    (level: Logged['level']) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

/** What a migrator that died right after its last revision leaves: the flag set, naming it. */
async function leaveFlag(db: QueryExecutorProvider, pid: number, host: string): Promise<void> {
  await sql`UPDATE migration_status SET in_progress = TRUE, owner_pid = ${pid},
    owner_host = ${host}, lock_token = 'token-of-the-dead', started_us = ${STARTED_US},
    from_revision = 'aaa111', to_revision = 'bbb222', last_error = NULL WHERE id = 1`.execute(db);
}

const flagRow = async (db: QueryExecutorProvider) =>
  (
    await sql<Record<string, unknown>>`SELECT in_progress, lock_token, last_error
      FROM migration_status`.execute(db)
  ).rows;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `a flag whose migrator is gone, on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      const cleanup: (() => Promise<void>)[] = [];
      afterEach(async () => {
        for (const step of cleanup.splice(0).reverse()) await step();
      });

      async function setup() {
        const url = await freshDatabaseUrl(dialect, 'stale_flag');
        const handle = await openDatabase(url);
        cleanup.push(() => handle.close());
        const dir = writeFixtureScripts(join(makeTempDir('stale-flag'), 'versions'), CHAIN);
        const logger = recordingLogger();
        const create = (lockLeaseMs?: number) =>
          Migrator.create({
            dialect: handle.dialect,
            db: handle.db,
            scripts: { dir },
            logger,
            ...(lockLeaseMs === undefined ? {} : { lockLeaseMs }),
          });
        const migrator = await create();
        await migrator.upgrade('head');
        logger.lines.length = 0;
        return { url, db: handle.db, migrator, logger, create, dir };
      }

      it('is stale, not in progress, when no process holds the lock, even if its pid is alive here', async () => {
        const { db, migrator } = await setup();
        await leaveFlag(db, process.pid, hostname());
        const status = await migrator.status();
        expect(status.state).toBe('current');
        expect(status.flag).toMatchObject({
          inProgress: false,
          stale: true,
          ownerPid: process.pid,
        });
        expect(status.summary).toContain('the flag is stale');
        // waitForMigrations takes it as not in progress at the first try.
        const waited = await waitForMigrations(migrator, { maxRetries: 1, retryDelayMs: 10 });
        expect(waited.flag?.stale).toBe(true);
      });

      it('is in progress while a live process holds the lock, however long it has been silent', async () => {
        const { db, url, migrator, logger } = await setup();
        cleanup.push(await holdMigrationLock(url));
        await leaveFlag(db, 424242, 'other-host');
        await sql`UPDATE migration_status SET heartbeat_us = 1 WHERE id = 1`.execute(db);
        const status = await migrator.status();
        expect(status.flag).toMatchObject({ inProgress: true, stale: false });
        const timeout = (await waitForMigrations(migrator, {
          maxRetries: 2,
          retryDelayMs: 10,
        }).catch((e: unknown) => e)) as MigrateError;
        expect(timeout.code).toBe('MIGRATE_WAIT_TIMEOUT');
        expect(timeout.message).toContain(
          'migration in progress from aaa111 to bbb222 by pid 424242',
        );
        // A writer start with nothing pending leaves a live migrator's flag alone.
        const run = await migrator.upgrade('head');
        expect(run.steps).toEqual([]);
        expect(await flagRow(db)).toMatchObject([
          { lock_token: 'token-of-the-dead', last_error: null },
        ]);
        expect((await migrator.status()).flag?.inProgress).toBe(true);
        expect(logger.lines.find((l) => l.message.startsWith('a migration runs'))?.message).toMatch(
          /^a migration runs \(migration in progress from aaa111 to bbb222 by pid 424242 on other-host started .*\); left to it$/,
        );
      });

      it.each([
        ['upgrade head', (m: Migrator) => m.upgrade('head')],
        ['downgrade to the current revision', (m: Migrator) => m.downgrade('bbb222')],
        ['stamp head', (m: Migrator) => m.stamp('head')],
      ])(
        'is cleared under the lock by %s with nothing to run, saying whose it was',
        async (_verb, act) => {
          const { db, migrator, logger } = await setup();
          await leaveFlag(db, 31337, 'gone-host');
          const run = await act(migrator);
          expect(run.steps).toEqual([]);
          const rows = await flagRow(db);
          expect(rows).toMatchObject([{ lock_token: null }]);
          expect(Boolean(Number(rows[0]!.in_progress))).toBe(false);
          expect(String(rows[0]!.last_error)).toMatch(
            /^pid 31337 on gone-host stopped before it cleared the migration flag \(migrating from aaa111 to bbb222\); cleared by pid \d+ on /,
          );
          const warning = logger.lines.find((l) => l.level === 'warn');
          expect(warning?.message).toBe(
            `cleared a stale migration flag: pid 31337 on gone-host set it at ${STARTED} ` +
              '(migrating from aaa111 to bbb222) and is gone (it no longer holds the migration lock)',
          );
          expect(warning?.fields).toMatchObject({ previousPid: 31337, previousHost: 'gone-host' });
          expect((await migrator.status()).flag).toMatchObject({ inProgress: false, stale: false });
        },
      );

      it('is cleared by a run that has work to do, before it sets the flag again', async () => {
        const { db, migrator, logger } = await setup();
        await migrator.downgrade('aaa111');
        await leaveFlag(db, 31337, 'gone-host');
        const run = await migrator.upgrade('head');
        expect(run.steps.map((s) => s.revision)).toEqual(['bbb222']);
        expect(
          logger.lines.some((l) => l.message.startsWith('cleared a stale migration flag')),
        ).toBe(true);
        expect(await flagRow(db)).toMatchObject([{ lock_token: null, last_error: null }]);
      });

      it('makes a migrator wait for a live holder past its lease, warning that it may be stuck', async () => {
        const { db, url, create, logger } = await setup();
        const release = await holdMigrationLock(url);
        cleanup.push(release);
        await sql`UPDATE migration_status SET owner_pid = 424242, owner_host = 'other-host',
        heartbeat_us = 1 WHERE id = 1`.execute(db);
        const waiter = await create(100);
        const stamping = waiter.stamp('aaa111');
        await new Promise((resolve) => setTimeout(resolve, 500));
        // Still waiting: nobody takes the lock from a live holder, whatever the lease. (Read on a
        // connection of its own: the waiting migrator holds its own, SQLite's only one.)
        const other = await openDatabase(url);
        cleanup.push(() => other.close());
        expect(await waiter.currentRevisions(other.db)).toEqual(['bbb222']);
        const warning = logger.lines.find((l) =>
          l.message.startsWith('waiting for the migration lock'),
        );
        expect(warning?.level).toBe('warn');
        expect(warning?.message).toMatch(
          /^waiting for the migration lock: pid 424242 on other-host holds it and has not finished a revision for \d+ s \(more than \[migrations\] lock_lease_s\); it is alive .*If it is stuck, stop that process/,
        );
        await release();
        await stamping;
        expect(await waiter.currentRevisions()).toEqual(['aaa111']);
      });
    },
  );
}

describe('the SQLite migration lock file', () => {
  it('that cannot be opened stops a migration before anything runs, naming the file and what to change', async () => {
    const url = await freshDatabaseUrl('sqlite', 'lock_file');
    const handle = await openDatabase(url);
    try {
      const file = (url.match(/^sqlite:\/\/\/(.*)$/) ?? [])[1]!;
      mkdirSync(`${file}-migrate.lock`); // a folder where the lock file should be
      const dir = writeFixtureScripts(join(makeTempDir('lock-file'), 'versions'), CHAIN);
      const migrator = await Migrator.create({
        dialect: 'sqlite',
        db: handle.db,
        scripts: { dir },
      });
      const error = (await migrator.upgrade('head').catch((e: unknown) => e)) as MigrateError;
      expect(error.code).toBe('MIGRATE_LOCK_UNAVAILABLE');
      expect(error.message).toContain(`cannot open the migration lock file ${file}-migrate.lock`);
      expect(await migrator.currentRevisions()).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
