import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db/connection';
import {
  currentRevisions,
  headRevisions,
  isDatabaseUpToDate,
  MigrationAbortedError,
  Migrator,
  RevisionFailedError,
  runMigrations,
  silentLogger,
  waitForMigrations,
  type DatabaseStatus,
  type MigrateError,
} from '../src/index.js';
import { DIALECTS, freshDatabaseUrl, schemaSnapshot } from '#test/databases.js';
import { writeFixtureScripts, type FixtureRevision } from '#test/scripts.js';
import { makeTempDir } from '#test/tmp.js';

const CHAIN: FixtureRevision[] = [
  {
    id: 'aaa111',
    up: ['CREATE TABLE t1 (id INTEGER PRIMARY KEY, name VARCHAR(20))'],
    downgrade: ['DROP TABLE t1'],
  },
  {
    id: 'bbb222',
    down: 'aaa111',
    up: ['CREATE TABLE t2 (id INTEGER PRIMARY KEY)', 'CREATE INDEX ix_t2 ON t2 (id)'],
    downgrade: ['DROP TABLE t2'],
  },
  {
    id: 'ccc333',
    down: 'bbb222',
    up: ['ALTER TABLE t1 ADD COLUMN extra INTEGER'],
    downgrade: ['ALTER TABLE t1 DROP COLUMN extra'],
  },
];

const FAILING: FixtureRevision = {
  id: 'ddd444',
  down: 'ccc333',
  up: [
    'CREATE TABLE t4 (id INTEGER)',
    "INSERT INTO t1 (id, name) VALUES (1, 'half')",
    'INSERT INTO no_such_table VALUES (1)',
  ],
};

const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: MigrateError) => error.code,
  );

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`Migrator on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const open: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((h) => h.close()));
    });

    async function setup(revisions: readonly FixtureRevision[] = CHAIN) {
      const url = await freshDatabaseUrl(dialect, 'migrator');
      const handle = await openDatabase(url);
      open.push(handle);
      const dir = writeFixtureScripts(join(makeTempDir('scripts'), 'versions'), revisions);
      const migrator = await Migrator.create({
        dialect: handle.dialect,
        db: handle.db,
        scripts: { dir },
      });
      return { url, handle, db: handle.db, migrator, dir };
    }

    it('upgrades an empty database to head and says it is current', async () => {
      const { migrator } = await setup();
      expect((await migrator.status()).state).toBe('empty');
      const run = await migrator.upgrade('head');
      expect(run.steps.map((s) => s.revision)).toEqual(['aaa111', 'bbb222', 'ccc333']);
      expect(await migrator.currentRevisions()).toEqual(['ccc333']);
      const status = await migrator.status();
      expect(status.state).toBe('current');
      expect(status.flag?.inProgress).toBe(false);
    });

    it('shows onStatement every statement of a run on its lock connection, in order', async () => {
      const { handle, dir } = await setup();
      const seen: string[] = [];
      const watched = await Migrator.create({
        dialect: handle.dialect,
        db: handle.db,
        scripts: { dir },
        onStatement: (statement) => seen.push(statement),
      });
      await watched.upgrade('head');
      const at = (text: string) => seen.findIndex((s) => s.includes(text));
      // Each revision's statements, in the chain's order, and the flag cleared after them.
      expect(at('CREATE TABLE t1')).toBeGreaterThanOrEqual(0);
      expect(at('CREATE TABLE t1')).toBeLessThan(at('CREATE TABLE t2'));
      expect(at('CREATE TABLE t2')).toBeLessThan(at('ALTER TABLE t1 ADD COLUMN extra'));
      expect(seen.filter((s) => /^commit\b/i.test(s.trim())).length).toBeGreaterThanOrEqual(3);
      // The lock, the flag and the version table go through it too.
      expect(seen.length).toBeGreaterThan(6);
    });

    it('moves by +N, -N, partial ids, REV+N, REV-N and base', async () => {
      const { migrator } = await setup();
      await migrator.upgrade('+1');
      expect(await migrator.currentRevisions()).toEqual(['aaa111']);
      await migrator.upgrade('+2');
      expect(await migrator.currentRevisions()).toEqual(['ccc333']);
      await migrator.downgrade('-1');
      expect(await migrator.currentRevisions()).toEqual(['bbb222']);
      await migrator.downgrade('aa');
      expect(await migrator.currentRevisions()).toEqual(['aaa111']);
      await migrator.upgrade('cc');
      expect(await migrator.currentRevisions()).toEqual(['ccc333']);
      await migrator.downgrade('ccc333-2');
      expect(await migrator.currentRevisions()).toEqual(['aaa111']);
      await migrator.upgrade('aaa111+1');
      expect(await migrator.currentRevisions()).toEqual(['bbb222']);
      await migrator.downgrade('base');
      expect(await migrator.currentRevisions()).toEqual([]);
      expect(await codeOf(migrator.downgrade('-1'))).toBe('MIGRATE_BAD_TARGET');
      expect(await codeOf(migrator.upgrade('+4'))).toBe('MIGRATE_BAD_TARGET');
    });

    it('runs each downgrade so the schema is what it was', async () => {
      const { migrator, db } = await setup();
      const empty = await schemaSnapshot(dialect, db);
      await migrator.upgrade('aaa111');
      const atFirst = await schemaSnapshot(dialect, db);
      await migrator.upgrade('head');
      await migrator.downgrade('aaa111');
      expect(await schemaSnapshot(dialect, db)).toEqual(atFirst);
      await migrator.downgrade('base');
      const engineTables = ['alembic_version', 'migration_status'];
      expect(await schemaSnapshot(dialect, db, { exclude: engineTables })).toEqual(
        empty.filter((l) => !engineTables.some((t) => l.includes(t))),
      );
    });

    it('stamps head, a revision and base without running anything', async () => {
      const { migrator, db } = await setup();
      await migrator.stamp('head');
      expect(await migrator.currentRevisions()).toEqual(['ccc333']);
      expect(
        await schemaSnapshot(dialect, db, { exclude: ['alembic_version', 'migration_status'] }),
      ).toEqual([]);
      await migrator.stamp('bb');
      expect(await migrator.currentRevisions()).toEqual(['bbb222']);
      await migrator.stamp('base');
      expect(await migrator.currentRevisions()).toEqual([]);
    });

    it('rolls a failing revision back whole, naming revision, file and statement', async () => {
      const { migrator, db } = await setup([...CHAIN, FAILING]);
      await migrator.upgrade('ccc333');
      const before = await schemaSnapshot(dialect, db);
      const error = await migrator.upgrade('head').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RevisionFailedError);
      const failed = error as RevisionFailedError;
      expect(failed.code).toBe('MIGRATE_REVISION_FAILED');
      expect(failed.revision).toBe('ddd444');
      expect(failed.message).toContain('ddd444_fixture.js');
      expect(failed.statement).toBe('INSERT INTO no_such_table VALUES (1)');
      expect(await migrator.currentRevisions()).toEqual(['ccc333']);
      expect(await schemaSnapshot(dialect, db)).toEqual(before);
      const { rows } = await sql`SELECT count(*) AS n FROM t1`.execute(db);
      expect(Number((rows[0] as { n: number }).n)).toBe(0);
      const flag = (await migrator.status()).flag;
      expect(flag?.inProgress).toBe(false);
      expect(flag?.lastError).toContain('no_such_table');
    });

    it('stops on request before the run with a MigrationAbortedError, applying nothing', async () => {
      const { migrator } = await setup();
      const stop = new AbortController();
      stop.abort();
      const error = await migrator
        .upgrade('head', { signal: stop.signal })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationAbortedError);
      expect(error).toMatchObject({ code: 'MIGRATE_ABORTED' });
      expect(await migrator.currentRevisions()).toEqual([]);
      expect((await migrator.status()).flag?.inProgress ?? false).toBe(false);
    });

    it('does not touch the status row when nothing is pending', async () => {
      const { migrator, db } = await setup();
      await migrator.upgrade('head');
      const read = async () => (await sql`SELECT * FROM migration_status`.execute(db)).rows;
      const before = await read();
      await new Promise((r) => setTimeout(r, 1100)); // CURRENT_TIMESTAMP has 1 s resolution
      const run = await migrator.upgrade('head');
      expect(run.steps).toEqual([]);
      expect(await read()).toEqual(before);
    });

    it('tells a database at head is current in four statements: status() then upgrade()', async () => {
      const { migrator, db, dir } = await setup();
      await migrator.upgrade('head');
      // Each statement is a round trip to a PostgreSQL server: the writer's start pays for each.
      const sent: string[] = [];
      const counting = db.withPlugin({
        transformQuery: (args) => {
          sent.push(
            args.node.kind === 'RawNode' ? args.node.sqlFragments.join('?') : args.node.kind,
          );
          return args.node;
        },
        transformResult: (args) => Promise.resolve(args.result),
      });
      const watched = await Migrator.create({
        dialect: migrator.dialect,
        db: counting,
        scripts: { dir },
      });
      expect((await watched.status()).state).toBe('current');
      expect(sent).toHaveLength(2);
      expect((await watched.upgrade('head')).steps).toEqual([]);
      expect(sent).toHaveLength(4);
      expect(sent.join('\n')).not.toMatch(/INSERT|UPDATE|DELETE|CREATE|ALTER/i);
    });

    it('reads where it stands whatever of its two tables exist, with or without rows', async () => {
      const { migrator, db } = await setup();
      const status = () => migrator.status();
      expect(await status()).toMatchObject({ state: 'empty', current: [], flag: undefined });
      await sql
        .raw(
          `CREATE TABLE migration_status (id INTEGER PRIMARY KEY CHECK (id = 1),
        in_progress BOOLEAN NOT NULL DEFAULT FALSE, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)`,
        )
        .execute(db);
      expect(await status()).toMatchObject({ state: 'empty', current: [], flag: undefined });
      await sql.raw('INSERT INTO migration_status (id, in_progress) VALUES (1, FALSE)').execute(db);
      expect(await status()).toMatchObject({ current: [], flag: { inProgress: false } });
      await sql.raw('DROP TABLE migration_status').execute(db);
      await migrator.stamp('bbb222');
      await sql.raw('DROP TABLE migration_status').execute(db);
      expect(await status()).toMatchObject({
        state: 'behind',
        current: ['bbb222'],
        flag: undefined,
      });
      await migrator.ensureTables();
      await sql.raw("INSERT INTO alembic_version (version_num) VALUES ('aaa111')").execute(db);
      expect(await status()).toMatchObject({
        current: ['aaa111', 'bbb222'],
        flag: { inProgress: false, lockTokenSet: false },
      });
      await sql.raw('DELETE FROM alembic_version').execute(db);
      expect(await status()).toMatchObject({ state: 'empty', current: [] });
    });

    it("upgrades MeshView's three-column status table in place, keeping its row", async () => {
      const { migrator, db } = await setup();
      await sql
        .raw(
          `CREATE TABLE migration_status (id INTEGER PRIMARY KEY CHECK (id = 1),
        in_progress BOOLEAN NOT NULL DEFAULT FALSE, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)`,
        )
        .execute(db);
      await sql
        .raw(
          `INSERT INTO migration_status (id, in_progress, updated_at)
        VALUES (1, FALSE, '2026-01-02 03:04:05')`,
        )
        .execute(db);
      await migrator.ensureTables();
      const { rows } = await sql<{ updated_at: unknown; last_error: unknown }>`
        SELECT * FROM migration_status`.execute(db);
      expect(rows).toHaveLength(1);
      expect(String(rows[0]!.updated_at)).toMatch(/2026/);
      expect(rows[0]).toHaveProperty('last_error', null);
      // MeshView's own statements still work on the upgraded table.
      await sql
        .raw(
          'UPDATE migration_status SET in_progress = TRUE, updated_at = CURRENT_TIMESTAMP WHERE id = 1',
        )
        .execute(db);
    });

    it('refuses a database at a revision the scripts do not have, naming both', async () => {
      const { migrator, db } = await setup();
      await migrator.upgrade('head');
      await sql`UPDATE alembic_version SET version_num = 'fff999'`.execute(db);
      expect((await migrator.status()).state).toBe('unknown');
      const error = (await migrator.upgrade('head').catch((e: unknown) => e)) as MigrateError;
      expect(error.code).toBe('MIGRATE_DATABASE_AHEAD');
      expect(error.message).toContain('fff999');
      expect(error.message).toContain('ccc333');
    });

    it("offers the original design's API: runMigrations, isDatabaseUpToDate, waitForMigrations", async () => {
      const { migrator, db } = await setup();
      expect(await isDatabaseUpToDate(migrator)).toBe(false);
      expect(headRevisions(migrator)).toEqual(['ccc333']);
      const timeout = (await waitForMigrations(migrator, { maxRetries: 2, retryDelayMs: 10 }).catch(
        (e: unknown) => e,
      )) as MigrateError;
      expect(timeout.code).toBe('MIGRATE_WAIT_TIMEOUT');
      expect(timeout.message).toContain(
        "after 2 tries 10 ms apart: database at base (no revision), scripts' head ccc333",
      );
      const waiting = waitForMigrations(migrator, { maxRetries: 50, retryDelayMs: 20 });
      await runMigrations(migrator);
      expect((await waiting).state).toBe('current');
      expect(await isDatabaseUpToDate(migrator)).toBe(true);
      expect(await currentRevisions(migrator)).toEqual(['ccc333']);
      await sql`UPDATE alembic_version SET version_num = 'fff999'`.execute(db);
      const waits: unknown[] = [];
      const ahead = (await waitForMigrations(migrator, {
        maxRetries: 50,
        retryDelayMs: 1000,
        logger: { ...silentLogger, info: (fields) => waits.push(fields) },
      }).catch((e: unknown) => e)) as MigrateError;
      expect(ahead.code).toBe('MIGRATE_DATABASE_AHEAD');
      expect(ahead.message).toMatch(/fff999.*ccc333/);
      // At once: the first try failed it, none was logged as a wait.
      expect(waits).toEqual([]);
    });

    it('waitForMigrations looks every pollMs within a try, and logs and counts tries alone', async () => {
      // Behind by one revision for three looks, then current: with 60 s tries, only looking
      // within the first try can return before the test's own timeout.
      let looks = 0;
      const behind = { state: 'behind', current: ['bbb222'], head: 'ccc333', summary: 'behind' };
      const current = { state: 'current', current: ['ccc333'], head: 'ccc333', summary: 'at head' };
      const source = {
        status: () =>
          Promise.resolve(((looks += 1) > 3 ? current : behind) as unknown as DatabaseStatus),
      };
      const waits: unknown[] = [];
      let waitsBegun = 0;
      const status = await waitForMigrations(source, {
        maxRetries: 3,
        retryDelayMs: 60_000,
        pollMs: 10,
        onWait: () => (waitsBegun += 1),
        logger: { ...silentLogger, info: (fields) => waits.push(fields) },
      });
      expect(status.state).toBe('current');
      expect(looks).toBe(4);
      expect(waits).toEqual([{ attempt: 1, maxRetries: 3, state: 'behind' }]);
      expect(waitsBegun).toBe(1);
      // Current at the first look: no wait begins.
      await waitForMigrations(source, { onWait: () => (waitsBegun += 1) });
      expect(waitsBegun).toBe(1);
    });

    it('applies a slow revision once when two migrators race', async () => {
      const slow: FixtureRevision = {
        id: 'eee555',
        down: 'ccc333',
        up: ['CREATE TABLE slow_done (id INTEGER)'],
        upPrelude: 'await new Promise((r) => setTimeout(r, 300));',
      };
      const { migrator, url, dir } = await setup([...CHAIN, slow]);
      const other = await openDatabase(url);
      open.push(other);
      const rival = await Migrator.create({
        dialect: other.dialect,
        db: other.db,
        scripts: { dir },
      });
      const runs = await Promise.all([migrator.upgrade('head'), rival.upgrade('head')]);
      const applied = runs.flatMap((r) => r.steps.map((s) => s.revision));
      expect(applied.sort()).toEqual(['aaa111', 'bbb222', 'ccc333', 'eee555']);
      expect(await rival.currentRevisions()).toEqual(['eee555']);
    });
  });
}

describe('compiled scripts', () => {
  it('refuses to run when a TypeScript script has no compiled form, naming it', async () => {
    const url = await freshDatabaseUrl('sqlite', 'compiled');
    const handle = await openDatabase(url);
    try {
      const root = makeTempDir('compiled');
      const dir = join(root, 'versions');
      mkdirSync(dir);
      writeFileSync(
        join(dir, 'aaa111_x.ts'),
        "export const revision = 'aaa111';\nexport const down_revision = null;\n",
      );
      const migrator = await Migrator.create({
        dialect: handle.dialect,
        db: handle.db,
        scripts: { dir, compiledDir: join(root, 'dist') },
      });
      expect(migrator.graph.head).toBe('aaa111');
      const error = (await migrator.upgrade('head').catch((e: unknown) => e)) as MigrateError;
      expect(error.code).toBe('MIGRATE_SCRIPT_NOT_COMPILED');
      expect(error.message).toContain('aaa111_x.ts has no compiled form');
    } finally {
      await handle.close();
    }
  });

  it('refuses a compiled form older than its source', async () => {
    const url = await freshDatabaseUrl('sqlite', 'stale');
    const handle = await openDatabase(url);
    try {
      const root = makeTempDir('stale');
      const dir = join(root, 'versions');
      const compiledDir = join(root, 'dist');
      writeFixtureScripts(compiledDir, [CHAIN[0]!]);
      mkdirSync(dir);
      copyFileSync(join(compiledDir, 'aaa111_fixture.js'), join(dir, 'aaa111_fixture.ts'));
      utimesSync(
        join(compiledDir, 'aaa111_fixture.js'),
        new Date(2000, 1, 1),
        new Date(2000, 1, 1),
      );
      const migrator = await Migrator.create({
        dialect: handle.dialect,
        db: handle.db,
        scripts: { dir, compiledDir },
      });
      const error = (await migrator.upgrade('head').catch((e: unknown) => e)) as MigrateError;
      expect(error.code).toBe('MIGRATE_SCRIPT_NOT_COMPILED');
      expect(error.message).toContain('aaa111_fixture.ts is newer than its compiled form');
    } finally {
      await handle.close();
    }
  });
});
