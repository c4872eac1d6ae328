import { copyFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseConnection } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { makeTempDir } from '#test/tmp.js';
import { DatabaseFileWatch } from '../src/database-file-watch.js';

const logger = createLogger({ name: 'file-watch', level: 'silent' });
const open: DatabaseConnection[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** A SQLite file holding one table `t` with the value `v`, closed again. */
async function databaseFile(file: string, v: number): Promise<void> {
  const handle = await openDatabase(`sqlite:///${file}`);
  await sql`CREATE TABLE t (v INTEGER)`.execute(handle.db);
  await sql`INSERT INTO t (v) VALUES (${v})`.execute(handle.db);
  await handle.close();
}

async function value(database: DatabaseConnection): Promise<number> {
  const { rows } = await sql<{ v: number }>`SELECT v FROM t`.execute(database.db);
  return rows[0]!.v;
}

/** A reader's read-only connection to `file` and its watch, started. */
async function watched(file: string) {
  const database = await openDatabase(`sqlite:///${file}`, { readOnly: true });
  open.push(database);
  let reopened = 0;
  const watch = new DatabaseFileWatch({
    database,
    logger,
    onReopen: () => {
      reopened += 1;
      return Promise.resolve();
    },
  });
  await watch.start();
  return { database, watch, reopened: () => reopened };
}

describe('the reader watching its SQLite file', () => {
  it('has no problem while the file stays, and does not reopen it', async () => {
    const file = join(makeTempDir('file-watch'), 'db.sqlite');
    await databaseFile(file, 1);
    const { database, watch, reopened } = await watched(file);
    await watch.check();
    expect(watch.problem).toBeUndefined();
    expect(reopened()).toBe(0);
    expect(await value(database)).toBe(1);
  });

  it('names the missing file and the fix, and reads the file put back', async () => {
    const dir = makeTempDir('file-watch');
    const file = join(dir, 'db.sqlite');
    await databaseFile(file, 1);
    const { database, watch, reopened } = await watched(file);
    renameSync(file, join(dir, 'away.sqlite'));
    await watch.check();
    expect(watch.problem).toContain(`database file ${file} is missing`);
    expect(watch.problem).toContain('restore a backup');
    await databaseFile(file, 2); // another file at the path
    await watch.check();
    expect(watch.problem).toBeUndefined();
    expect(reopened()).toBe(1);
    expect(await value(database)).toBe(2);
  });

  it('says a file overwritten with other bytes is not a database, and reopens a good copy', async () => {
    const dir = makeTempDir('file-watch');
    const file = join(dir, 'db.sqlite');
    await databaseFile(file, 1);
    copyFileSync(file, join(dir, 'backup.sqlite'));
    const { database, watch } = await watched(file);
    writeFileSync(file, 'not a database at all, just text\n'.repeat(200));
    await watch.check();
    expect(watch.problem).toContain('is not a SQLite database');
    // Copied back in place: the same inode, so only the earlier problem says to reopen.
    copyFileSync(join(dir, 'backup.sqlite'), file);
    await watch.check();
    expect(watch.problem).toBeUndefined();
    expect(await value(database)).toBe(1);
  });

  it('reads another database renamed over the path (a restored backup)', async () => {
    const dir = makeTempDir('file-watch');
    const file = join(dir, 'db.sqlite');
    await databaseFile(file, 1);
    const { database, watch, reopened } = await watched(file);
    const other = join(dir, 'restored.sqlite');
    await databaseFile(other, 3);
    renameSync(other, file);
    await watch.check();
    expect(watch.problem).toBeUndefined();
    expect(reopened()).toBe(1);
    expect(await value(database)).toBe(3);
  });
});
