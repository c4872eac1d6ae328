import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { runMigrateCli } from '#test/cli.js';
import { writeAppConfig } from '#test/processes.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { PRODUCT_HEAD, PRODUCT_REVISIONS } from '#test/product.js';
import { compileScript, copyProductScripts } from '#test/scripts.js';
import { makeTempDir, repoRoot } from '#test/tmp.js';

/** A message that a script written by plain string concatenation would not survive. */
const MESSAGE = 'Stats roll-ups, again\nit\'s "generated": C:\\temp */ ${x} `é`';

/** Runs `npm run migration:create -- ARGS` the way npm does, after its build step. */
function createMigration(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'scripts', 'create-migration.js'), ...args],
      { cwd: repoRoot, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The `message` a compiled script exports. */
async function compiledMessage(root: string, file: string): Promise<unknown> {
  const compiled = join(root, 'dist', 'versions', basename(file).replace(/\.ts$/, '.js'));
  const script = (await import(pathToFileURL(compiled).href)) as { readonly message?: unknown };
  return script.message;
}

describe('npm run migration:create', () => {
  it('builds a scratch database at head and finds the product models unchanged', async () => {
    const versions = copyProductScripts(makeTempDir('create-migration'));
    const result = await createMigration(['--migrations', versions, '-m', 'nothing']);
    expect(result).toMatchObject({
      code: 0,
      stdout: 'No changes detected: the database at head matches the models; nothing written.\n',
    });
    expect(readdirSync(versions)).toHaveLength(
      readdirSync(join(repoRoot, 'migrations', 'versions')).length,
    );
  });

  it('writes what the models changed under any message, in a script that builds', async () => {
    // Without its last revision, the chain is behind the models by that revision's change.
    const root = makeTempDir('create-migration');
    const versions = copyProductScripts(root);
    for (const f of readdirSync(versions).filter((f) => f.startsWith(PRODUCT_HEAD))) {
      rmSync(join(versions, f));
      rmSync(join(root, 'dist', 'versions', f.replace(/\.ts$/, '.js')));
    }
    const result = await createMigration(['--migrations', versions, '-m', MESSAGE]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      'Detected add index idx_packet_channel_portnum_time_us on packet (channel, portnum, import_time_us desc)',
    );
    const file = /^Generating (\S+) \.\.\. done$/m.exec(result.stdout)![1]!;
    expect(basename(file)).toMatch(/^[0-9a-f]{12}_stats_roll_ups_again\.ts$/);
    compileScript(file, join(root, 'dist', 'versions'));
    expect(await compiledMessage(root, file)).toBe(MESSAGE);
    const history = await runMigrateCli(['--migrations', versions, 'history']);
    expect(history.stdout).toMatch(
      new RegExp(
        `^${PRODUCT_REVISIONS.at(-2)} -> [0-9a-f]{12} \\(head\\), Stats roll-ups, again \\(\\+1 more line\\)\n`,
      ),
    );
  }, 60_000);
});

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `check and revision --autogenerate on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      const handles: { close(): Promise<void> }[] = [];
      afterEach(async () => {
        await Promise.all(handles.splice(0).map((h) => h.close()));
      });

      it('refuses below head, passes at head, lists drift, and writes the migration that removes it', async () => {
        const root = makeTempDir('check');
        const versions = copyProductScripts(root);
        const url = await freshDatabaseUrl(dialect, 'check');
        const config = writeAppConfig(root, { connectionString: url, logLevel: 'warn' });
        const cli = (...args: string[]) =>
          runMigrateCli(['--config', config, '--migrations', versions, ...args]);

        const early = await cli('check');
        expect(early.code).toBe(1);
        expect(early.stderr).toMatch(
          /\[MIGRATE_NOT_AT_HEAD\].*run `meshview-migrate upgrade head` first/,
        );
        expect((await cli('upgrade', 'head')).code).toBe(0);
        expect(await cli('check')).toMatchObject({
          code: 0,
          stdout: 'No differences: the database at head matches the models.\n',
        });

        // Someone changed the database by hand: the models now differ from it.
        const handle = await openDatabase<unknown>(url);
        handles.push(handle);
        await sql`DROP INDEX idx_node_last_seen_us`.execute(handle.db);
        await sql`ALTER TABLE node ADD COLUMN nickname VARCHAR(10)`.execute(handle.db);
        const drift = await cli('check');
        expect(drift.code).toBe(1);
        expect(drift.stdout).toContain(
          'The models and the database at head differ (2 difference(s))',
        );
        expect(drift.stdout).toContain('  - drop column node.nickname\n');
        expect(drift.stdout).toContain(
          '  - add index idx_node_last_seen_us on node (last_seen_us)\n',
        );

        const created = await cli('revision', '--autogenerate', '-m', `undo drift\n${MESSAGE}`);
        expect(created.stderr).toBe('');
        expect(created.code).toBe(0);
        expect(created.stdout).toContain('Detected drop column node.nickname');
        expect(created.stdout).toContain(
          '1 step(s) can lose data and carry the @destructive marker',
        );
        const file = /^Generating (\S+) \.\.\. done$/m.exec(created.stdout)![1]!;
        const text = readFileSync(file, 'utf8');
        expect(text).toContain("batch.dropColumn('nickname');");
        expect(text).toContain('batch.createIndex({');
        compileScript(file, join(root, 'dist', 'versions'));
        expect(await compiledMessage(root, file)).toBe(`undo drift\n${MESSAGE}`);
        const refused = await cli('upgrade', 'head');
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('[MIGRATE_SCRIPT_UNREVIEWED]');
        expect(refused.stderr).toMatch(
          new RegExp(`${basename(file)}:\\d+ still carries the @destructive marker`),
        );

        writeFileSync(
          file,
          text
            .split('\n')
            .filter((l) => !l.includes('@destructive'))
            .join('\n'),
        );
        compileScript(file, join(root, 'dist', 'versions'));
        expect((await cli('upgrade', 'head')).code).toBe(0);
        expect((await cli('check')).code).toBe(0);
        const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM node`.execute(
          handle.db,
        );
        expect(Number(rows[0]!.n)).toBe(0);
        // A dozen CLI processes one after another: give a busy machine time.
      }, 120_000);
    },
  );
}
