import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { freshDatabaseUrl } from '#test/databases.js';
import { freePort } from '#test/free-port.js';
import { pgSkipReason, testPgUrl } from '#test/postgres.js';
import { killAllApps, startApp, writeAppConfig, type AppProcess } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';
import { makeSharedTempDir, unprivileged } from '#test/unprivileged.js';

// Issue 10, item 5: every start-up database error names [database] connection_string and the
// file or host, and says what to check; the writer logs which database it opened.

const READY = /writer ready$/;
const KEY = '[database] connection_string';

/** Waits for the writer to exit 1 before it is ready; returns its stderr on one line. */
async function fails(writer: AppProcess, code: string): Promise<string> {
  const exit = await writer.waitForExit(30_000);
  expect(exit.code, writer.output()).toBe(1);
  expect(writer.findLog(READY)).toBeUndefined();
  expect(writer.stderr).toMatch(new RegExp(`^writer failed \\[${code}\\]: `));
  return writer.stderr.replace(/\s+/g, ' ');
}

describe('writer start with a connection_string it cannot use', () => {
  afterEach(killAllApps);

  const start = (connectionString: string) =>
    startApp('writer', [
      '--config',
      writeAppConfig(makeTempDir('writer-cs'), { connectionString }),
    ]);

  it('refuses an empty connection_string, naming the key, instead of using ./packets.db', async () => {
    // A checkout where `npm start` ran has a ./packets.db of its own: it must stay untouched.
    const before = statSync('packets.db', { throwIfNoEntry: false })?.mtimeMs;
    const stderr = await fails(start(''), 'CONFIG_INVALID_VALUE');
    expect(stderr).toContain(`${KEY} = "" is not a SQLite or PostgreSQL URL`);
    expect(stderr).toContain('it is empty');
    expect(statSync('packets.db', { throwIfNoEntry: false })?.mtimeMs).toBe(before);
  });

  it.each(['sqlite://', 'sqlite:///:memory:'])(
    'refuses the in-memory form %s, naming the key',
    async (url) => {
      const stderr = await fails(start(url), 'CONFIG_INVALID_VALUE');
      expect(stderr).toContain(`${KEY} = "${url}"`);
      expect(stderr).toContain('an in-memory SQLite database is not supported');
    },
  );

  it('names the key and a SQLite folder that does not exist', async () => {
    const folder = join(makeTempDir('writer-nofolder'), 'missing');
    const stderr = await fails(start(`sqlite:///${folder}/packets.db`), 'DB_OPEN_FAILED');
    expect(stderr).toContain(`the folder ${folder} does not exist (${KEY})`);
  });

  it('refuses a ca_file it cannot read before it touches the database', async () => {
    const dir = makeTempDir('writer-ca');
    const caFile = join(dir, 'missing-ca.pem');
    const file = join(dir, 'packets.db');
    const writer = startApp('writer', [
      '--config',
      writeAppConfig(dir, {
        connectionString: `sqlite:///${file}`,
        mqtt: { server: '127.0.0.1', port: 1, ca_file: caFile },
      }),
    ]);
    const stderr = await fails(writer, 'CONFIG_INVALID_VALUE');
    expect(stderr).toContain(`[mqtt] ca_file = ${caFile}: cannot read it`);
    expect(existsSync(file)).toBe(false);
  });

  it('logs the SQLite file it opened', async () => {
    const url = await freshDatabaseUrl('sqlite', 'writer_opened');
    const writer = start(url);
    const opened = await writer.waitForLog(/^opened the database: /, 30_000);
    expect(opened).toMatchObject({ database: url.slice('sqlite:///'.length), dialect: 'sqlite' });
    await writer.waitForLog(READY, 30_000);
    expect(await writer.stop()).toEqual({ code: 0, signal: null });
  });
});

describe.skipIf(unprivileged.skip)(
  `writer start on SQLite as a user file permissions refuse${unprivileged.skip ? ` (${unprivileged.skip})` : ''}`,
  () => {
    const restore: string[] = [];
    afterEach(killAllApps);
    afterAll(() => {
      for (const path of restore) chmodSync(path, 0o755);
    });

    function setup(name: string) {
      const base = makeSharedTempDir(`writer-perm-${name}`);
      const dir = join(base, 'db');
      mkdirSync(dir);
      restore.push(dir);
      const file = join(dir, 'packets.db');
      const config = writeAppConfig(base, { connectionString: `sqlite:///${file}` });
      const start = () =>
        startApp('writer', ['--config', config], { wrapper: unprivileged.wrapper });
      return { dir, file, start };
    }

    it('names the file it may not write (SQLITE_READONLY) and the key', async () => {
      const { dir, file, start } = setup('readonly-file');
      await (await openDatabase(`sqlite:///${file}`)).close();
      chmodSync(file, 0o444);
      chmodSync(dir, 0o777);
      const stderr = await fails(start(), 'DB_PERMISSION_DENIED');
      expect(stderr).toContain(`${KEY} (${file}): `);
      expect(stderr).toContain(`may not write ${file}`);
      expect(stderr).toContain('attempt to write a readonly database');
      expect(stderr).toContain('read and write permission on the database file');
    });

    it('names the file and the folder when it cannot create the database (unable to open database file)', async () => {
      const { dir, file, start } = setup('readonly-folder');
      chmodSync(dir, 0o555);
      const stderr = await fails(start(), 'DB_PERMISSION_DENIED');
      expect(stderr).toContain(`${KEY} (${file}): `);
      expect(stderr).toContain(`may not create ${file}`);
      expect(stderr).toContain(`write permission on the folder ${dir}`);
      expect(stderr).toContain('unable to open database file');
      expect(readdirSync(dir)).toEqual([]);
    });
  },
);

describe.skipIf(pgSkipReason)(
  `writer start on PostgreSQL it cannot reach${pgSkipReason ? ` (${pgSkipReason})` : ''}`,
  () => {
    afterEach(killAllApps);

    const start = (connectionString: string) =>
      startApp('writer', [
        '--config',
        writeAppConfig(makeTempDir('writer-pg'), { connectionString }),
      ]);

    it('asks whether PostgreSQL runs at host:port when the port refuses, naming the key', async () => {
      const port = await freePort();
      const url = `postgresql://meshview:s3cret@127.0.0.1:${port}/meshview`;
      const stderr = await fails(start(url), 'DB_UNREACHABLE');
      expect(stderr).toContain(`${KEY} (postgresql://meshview:***@127.0.0.1:${port}/meshview): `);
      expect(stderr).toContain(`Is PostgreSQL running at 127.0.0.1:${port}`);
      expect(stderr).not.toContain('s3cret');
    });

    it('says to create a database that does not exist, naming the key', async () => {
      const missing = new URL(testPgUrl!);
      missing.pathname = `/mvtest_writer_missing_${process.pid}`;
      const stderr = await fails(start(missing.toString()), 'DB_NO_SUCH_DATABASE');
      expect(stderr).toContain(`${KEY} (${missing.toString()}): `);
      expect(stderr).toContain(`CREATE DATABASE "mvtest_writer_missing_${process.pid}"`);
    });

    it('logs the database it opened without the password', async () => {
      // The test server trusts local connections, so any password is accepted and ignored.
      const url = new URL(await freshDatabaseUrl('postgres', 'writer_opened'));
      url.password = 's3cret';
      const writer = start(url.toString());
      const opened = await writer.waitForLog(/^opened the database: /, 30_000);
      const shown = url.toString().replace(':s3cret@', ':***@');
      expect(opened).toMatchObject({ database: shown, dialect: 'postgres' });
      expect(opened.msg).toBe(`opened the database: ${shown}`);
      await writer.waitForLog(READY, 30_000);
      expect(await writer.stop()).toEqual({ code: 0, signal: null });
      expect(writer.stdout).not.toContain('s3cret');
    });
  },
);
