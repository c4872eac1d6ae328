import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { freshDatabaseUrl } from '#test/databases.js';
import { freePort } from '#test/free-port.js';
import { migrateToProductHead } from '#test/product.js';
import { pgExecute, pgSkipReason, testPgUrl } from '#test/postgres.js';
import { killAllApps, startApp, writeAppConfig, type AppProcess } from '#test/processes.js';
import { makeSharedTempDir, unprivileged } from '#test/unprivileged.js';

// Issue 10, items 2 and 5: a reader that may not read its database, or that points at a database
// that is not there, says so and which key to fix, and fails at once instead of waiting for a
// writer that cannot help.

const WAIT_RETRIES = 40;
const WAIT_DELAY_S = 0.5;
const WAIT_MS = WAIT_RETRIES * WAIT_DELAY_S * 1000;
const WAITING = 'waiting for the schema to be current';
const LISTENING = /^reader listening on /;

/** Waits for the reader to exit, and checks it failed at once with `code`; returns stderr. */
async function failsAtOnce(reader: AppProcess, code: string): Promise<string> {
  const exit = await reader.waitForExit(WAIT_MS);
  expect(exit.code, reader.output()).toBe(1);
  // At once: the first try failed it; no try was logged as a wait.
  expect(reader.filterLogs(WAITING)).toEqual([]);
  expect(reader.findLog(LISTENING)).toBeUndefined();
  expect(reader.stderr).toMatch(new RegExp(`^reader failed \\[${code}\\]: `));
  return reader.stderr.replace(/\s+/g, ' ');
}

describe.skipIf(unprivileged.skip)(
  `reader start on SQLite as a user file permissions refuse${unprivileged.skip ? ` (${unprivileged.skip})` : ''}`,
  () => {
    const restore: string[] = [];
    afterEach(killAllApps);
    afterAll(() => {
      // So that the temporary folders can be removed by whoever runs the tests.
      for (const path of restore) chmodSync(path, 0o755);
    });

    /** A migrated database in `<base>/db/`, the config beside it; the app runs as nobody. */
    async function setup(name: string) {
      const base = makeSharedTempDir(`reader-perm-${name}`);
      const dir = join(base, 'db');
      mkdirSync(dir);
      restore.push(dir);
      const file = join(dir, 'packets.db');
      await migrateToProductHead(`sqlite:///${file}`);
      const config = writeAppConfig(base, {
        connectionString: `sqlite:///${file}`,
        waitRetries: WAIT_RETRIES,
        waitDelayS: WAIT_DELAY_S,
      });
      const start = () =>
        startApp('reader', ['--config', config], { wrapper: unprivileged.wrapper });
      return { dir, file, start };
    }

    it('fails at once when it may not create the -shm file of a WAL database, naming the folder to open up', async () => {
      const { dir, file, start } = await setup('folder');
      chmodSync(file, 0o444);
      chmodSync(dir, 0o555);
      const stderr = await failsAtOnce(start(), 'DB_PERMISSION_DENIED');
      expect(stderr).toContain(`[database] connection_string (${file}): `);
      expect(stderr).toContain(`may not create ${file}-shm`);
      expect(stderr).toContain(`write permission on the folder ${dir}`);
      expect(stderr).toContain('while the writer has the database open, read permission on');
      expect(stderr).not.toContain('Is the writer running?');
    });

    it('fails at once on a database file it may not read, naming the file', async () => {
      const { dir, file, start } = await setup('file');
      chmodSync(file, 0o000);
      chmodSync(dir, 0o755);
      const stderr = await failsAtOnce(start(), 'DB_PERMISSION_DENIED');
      expect(stderr).toContain(`[database] connection_string (${file}): `);
      expect(stderr).toContain(`may not read ${file}: give it read permission on that file`);
    });

    it('fails at once on a folder it may not search, rather than waiting for a file it cannot see', async () => {
      const { dir, file, start } = await setup('search');
      chmodSync(dir, 0o600);
      const stderr = await failsAtOnce(start(), 'DB_PERMISSION_DENIED');
      expect(stderr).toContain(`[database] connection_string (${file}): `);
      expect(stderr).toContain(`may not look into the folder ${dir}`);
      expect(stderr).toContain('search (x) permission');
    });

    it('serves a database whose file and folder it may only read while another process has it open', async () => {
      const { dir, file, start } = await setup('holder');
      // Stands for the writer, which keeps the database open (and its -wal and -shm files there).
      const holder = await openDatabase(`sqlite:///${file}`);
      try {
        await holder.db.selectFrom('node').select('id').execute();
        chmodSync(file, 0o444);
        chmodSync(dir, 0o555);
        const reader = start();
        const listening = await reader.waitForLog(LISTENING, 30_000);
        const base = String(listening.address);
        expect((await fetch(`${base}/ready`)).status).toBe(200);
        expect((await fetch(`${base}/api/nodes`)).status).toBe(200);
        expect(await reader.stop()).toEqual({ code: 0, signal: null });
      } finally {
        await holder.close();
      }
    });
  },
);

describe.skipIf(pgSkipReason)(
  `reader start on PostgreSQL with errors that waiting does not fix${pgSkipReason ? ` (${pgSkipReason})` : ''}`,
  () => {
    const role = `mv_reader_${process.pid}`;
    let grantsDb: string | undefined;
    afterEach(killAllApps);
    afterAll(async () => {
      if (!testPgUrl) return;
      // The role holds grants in the test's database: that goes first.
      if (grantsDb) {
        await pgExecute(
          testPgUrl,
          `DROP DATABASE IF EXISTS "${new URL(grantsDb).pathname.slice(1)}" WITH (FORCE)`,
        );
      }
      await pgExecute(testPgUrl, `DROP ROLE IF EXISTS ${role}`);
    });

    function start(connectionString: string, readerConnectionString?: string): AppProcess {
      const config = writeAppConfig(makeSharedTempDir('reader-pg-errors'), {
        connectionString,
        waitRetries: WAIT_RETRIES,
        waitDelayS: WAIT_DELAY_S,
      });
      return startApp('reader', ['--config', config], {
        env:
          readerConnectionString === undefined
            ? {}
            : { MESHVIEW_DATABASE__READER_CONNECTION_STRING: readerConnectionString },
      });
    }

    const withUser = (url: string, user: string): string => {
      const u = new URL(url);
      u.username = user;
      return u.toString();
    };

    it('fails at once for a reader role without grants, saying what to GRANT, then starts once granted', async () => {
      const url = await freshDatabaseUrl('postgres', 'reader_grants');
      grantsDb = url;
      await migrateToProductHead(url);
      await pgExecute(testPgUrl!, `DROP ROLE IF EXISTS ${role}`);
      await pgExecute(testPgUrl!, `CREATE ROLE ${role} LOGIN`);
      const readerUrl = withUser(url, role);

      const stderr = await failsAtOnce(start(url, readerUrl), 'DB_PERMISSION_DENIED');
      expect(stderr).toContain(`[database] reader_connection_string (${readerUrl}): `);
      expect(stderr).toContain('permission denied for table alembic_version');
      expect(stderr).toContain(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO "${role}"`);
      expect(stderr).not.toContain('base (no revision)');

      // Without USAGE on the schema the tables are invisible: that is said too.
      await pgExecute(url, 'REVOKE USAGE ON SCHEMA public FROM PUBLIC');
      const noUsage = await failsAtOnce(start(url, readerUrl), 'DB_PERMISSION_DENIED');
      expect(noUsage).toContain(`[database] reader_connection_string (${readerUrl}): `);
      expect(noUsage).toContain(`GRANT USAGE ON SCHEMA public TO "${role}"`);

      // SELECT on a few tables only: the schema state is read, the other tables are named.
      await pgExecute(url, `GRANT USAGE ON SCHEMA public TO ${role}`);
      await pgExecute(url, `GRANT SELECT ON alembic_version, migration_status, node TO ${role}`);
      const some = await failsAtOnce(start(url, readerUrl), 'DB_PERMISSION_DENIED');
      expect(some).toContain(`[database] reader_connection_string (${readerUrl}): `);
      expect(some).toMatch(
        new RegExp(`role "${role}" may not read table\\(s\\) daily_snapshot, .*packet, `),
      );
      expect(some).not.toMatch(/table\(s\) .*\bnode\b/);

      await pgExecute(url, `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
      const reader = start(url, readerUrl);
      await reader.waitForLog(LISTENING, 30_000);
      expect(await reader.stop()).toEqual({ code: 0, signal: null });
    }, 120_000); // five processes one after another: a bound for a loaded machine, not a timing

    it('fails at once on a database that does not exist, saying to create it', async () => {
      const missing = new URL(testPgUrl!);
      missing.pathname = `/mvtest_no_such_db_${process.pid}`;
      const stderr = await failsAtOnce(start(missing.toString()), 'DB_NO_SUCH_DATABASE');
      expect(stderr).toContain(`[database] connection_string (${missing.toString()}): `);
      expect(stderr).toContain(`CREATE DATABASE "mvtest_no_such_db_${process.pid}"`);
    });

    it('fails at once when nothing listens at the port, asking whether PostgreSQL runs there', async () => {
      const port = await freePort();
      const url = `postgres://postgres@127.0.0.1:${port}/meshview`;
      const stderr = await failsAtOnce(start(url), 'DB_UNREACHABLE');
      expect(stderr).toContain(`[database] connection_string (${url}): `);
      expect(stderr).toContain(`Is PostgreSQL running at 127.0.0.1:${port}`);
    });

    it('fails at once when the server refuses the role, naming it', async () => {
      const url = withUser(testPgUrl!, `mv_no_such_role_${process.pid}`);
      const stderr = await failsAtOnce(start(testPgUrl!, url), 'DB_AUTH_FAILED');
      expect(stderr).toContain(`[database] reader_connection_string (${url}): `);
      expect(stderr).toContain(`refused role "mv_no_such_role_${process.pid}"`);
      expect(stderr).toContain(
        'Check the user name and password in [database] reader_connection_string',
      );
    });
  },
);
