import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { runMigrateCli } from '#test/cli.js';
import { PRODUCT_HEAD } from '#test/product.js';
import { writeAppConfig } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';
import { makeSharedTempDir, unprivileged } from '#test/unprivileged.js';

// Issue 10, item 2: current, history and heads only read, so they work for a user who may only
// read the database's file and folder, or say exactly why not and what to change.

const fingerprint = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

describe('meshview-migrate read-only verbs on a SQLite file that does not exist', () => {
  it('current creates no file and says where it looked', async () => {
    const dir = makeTempDir('cli-missing');
    const file = join(dir, 'packets.db');
    const config = writeAppConfig(dir, { connectionString: `sqlite:///${file}`, logLevel: 'warn' });
    const result = await runMigrateCli(['--config', config, 'current']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`[DB_NOT_FOUND]: SQLite database file not found: ${file}`);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual(['config.ini']);
  });
});

describe.skipIf(unprivileged.skip)(
  `meshview-migrate current, history and heads on a file and folder the user may only read${unprivileged.skip ? ` (${unprivileged.skip})` : ''}`,
  () => {
    const restore: string[] = [];
    afterAll(() => {
      for (const path of restore) chmodSync(path, 0o755);
    });

    /** A migrated database in `<base>/db/` (0555, its file 0444), the config beside it. */
    async function setup(name: string) {
      const base = makeSharedTempDir(`cli-ro-${name}`);
      const dir = join(base, 'db');
      mkdirSync(dir);
      restore.push(dir);
      const file = join(dir, 'packets.db');
      const config = writeAppConfig(base, {
        connectionString: `sqlite:///${file}`,
        logLevel: 'warn',
      });
      const upgrade = await runMigrateCli(['--config', config, 'upgrade', 'head']);
      expect(upgrade.code, upgrade.stderr).toBe(0);
      chmodSync(file, 0o444);
      chmodSync(dir, 0o555);
      const cli = (...args: string[]) =>
        runMigrateCli(['--config', config, ...args], undefined, unprivileged.wrapper);
      return { dir, file, cli };
    }

    it('answer while another process has the database open, and write nothing', async () => {
      const { dir, file, cli } = await setup('open');
      // Stands for a running writer: its connection keeps x.db-wal and x.db-shm in the folder,
      // which a reader that may not write the folder needs.
      const holder = await openDatabase<{ alembic_version: { version_num: string } }>(
        `sqlite:///${file}`,
      );
      try {
        await holder.db.selectFrom('alembic_version').selectAll().execute();
        const files = readdirSync(dir).sort();
        const before = fingerprint(file);

        expect(await cli('current')).toMatchObject({ code: 0, stdout: `${PRODUCT_HEAD} (head)\n` });
        const history = await cli('history', '--indicate-current');
        expect(history.code, history.stderr).toBe(0);
        expect(history.stdout).toContain(`-> ${PRODUCT_HEAD} (head) (current), `);
        expect(await cli('heads')).toMatchObject({ code: 0, stdout: `${PRODUCT_HEAD} (head)\n` });

        expect(readdirSync(dir).sort()).toEqual(files);
        expect(fingerprint(file)).toBe(before);
      } finally {
        await holder.close();
      }
    });

    it('without one, current says what to change; history and heads still answer', async () => {
      const { dir, file, cli } = await setup('closed');
      // The database and the migration lock's side file that the upgrade left (see MIGRATIONS.md).
      expect(readdirSync(dir).sort()).toEqual(['packets.db', 'packets.db-migrate.lock']);

      const current = await cli('current');
      expect(current.code).toBe(1);
      const stderr = current.stderr.replace(/\s+/g, ' ');
      expect(stderr).toMatch(/^error \[DB_PERMISSION_DENIED\]: /);
      expect(stderr).toContain(`[database] connection_string (${file}): `);
      expect(stderr).toContain(`may not create ${file}-shm`);
      expect(stderr).toContain(`Give this user write permission on the folder ${dir}`);
      expect(stderr).toContain('while the writer has the database open, read permission on');

      expect(await cli('heads')).toMatchObject({ code: 0, stdout: `${PRODUCT_HEAD} (head)\n` });
      const history = await cli('history');
      expect(history.code, history.stderr).toBe(0);
      expect(history.stdout).toContain(`-> ${PRODUCT_HEAD} (head), `);
      expect(readdirSync(dir).sort()).toEqual(['packets.db', 'packets.db-migrate.lock']);
    });
  },
);
