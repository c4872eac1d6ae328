import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db/connection';
import { loadRevisions, Migrator, type MigrateError } from '../src/index.js';
import { freshDatabaseUrl } from '#test/databases.js';
import { writeFixtureScripts } from '#test/scripts.js';
import { makeTempDir } from '#test/tmp.js';

describe('a script that still carries the destructive marker', () => {
  const handles: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.close()));
  });

  it('is refused by the engine, naming the file and line, until the line is deleted', async () => {
    const dir = writeFixtureScripts(makeTempDir('marker'), [
      { id: 'm1', up: ['CREATE TABLE t (id INTEGER PRIMARY KEY, old TEXT)'] },
      { id: 'm2', down: 'm1', up: ['ALTER TABLE t DROP COLUMN old'] },
    ]);
    const file = join(dir, 'm2_fixture.js');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('export async function upgrade'));
    lines.splice(at + 1, 0, '  // @destructive: this step drops column t.old and its values.');
    writeFileSync(file, lines.join('\n'));

    const revisions = await loadRevisions({ dir });
    expect(revisions.find((r) => r.id === 'm1')?.unreviewed).toBeUndefined();
    expect(revisions.find((r) => r.id === 'm2')?.unreviewed).toContain(`${file}:${at + 2}`);

    const handle = await openDatabase(await freshDatabaseUrl('sqlite', 'marker'));
    handles.push(handle);
    const migrator = await Migrator.create({ dialect: 'sqlite', db: handle.db, scripts: { dir } });
    const error = (await migrator.upgrade('head').catch((e: unknown) => e)) as MigrateError;
    expect(error.code).toBe('MIGRATE_SCRIPT_UNREVIEWED');
    expect(error.message).toContain(`${file}:${at + 2} still carries the @destructive marker`);
    // Nothing ran, not even the revision before it.
    expect(await migrator.currentRevisions()).toEqual([]);

    writeFileSync(file, lines.filter((l) => !l.includes('@destructive')).join('\n'));
    const reviewed = await Migrator.create({ dialect: 'sqlite', db: handle.db, scripts: { dir } });
    await reviewed.upgrade('head');
    expect(await reviewed.currentRevisions()).toEqual(['m2']);
    const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_info('t')`.execute(
      handle.db,
    );
    expect(rows.map((r) => r.name)).toEqual(['id']);
  });
});
