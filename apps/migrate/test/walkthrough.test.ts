import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { runMigrateCli } from '#test/cli.js';
import { writeAppConfig } from '#test/processes.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { PRODUCT_HEAD } from '#test/product.js';
import { compileScript, copyProductScripts } from '#test/scripts.js';
import { makeTempDir, repoRoot } from '#test/tmp.js';

/** The example migration's functions, taken from docs/MIGRATIONS.md itself. */
function exampleFromDocs(): string {
  const doc = readFileSync(join(repoRoot, 'docs', 'MIGRATIONS.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf('### 1. Create the script')));
  if (!block)
    throw new Error('docs/MIGRATIONS.md has no ```ts block under "### 1. Create the script"');
  return block[1]!;
}

/**
 * The example as documented (Kysely's `sql` from `ctx`), and as a script that imports `kysely`
 * itself: its `sql` fragments then come from the package, while the CLI runs its bundled copy.
 */
const VARIANTS = [
  { name: 'as docs/MIGRATIONS.md says', script: (example: string) => example },
  {
    name: 'with a script that imports kysely',
    script: (example: string) =>
      `import { sql } from 'kysely';\n${example.replaceAll('ctx.sql`', 'sql`')}`,
  },
];

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `the example-table walkthrough on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      const handles: { close(): Promise<void> }[] = [];
      afterEach(async () => {
        await Promise.all(handles.splice(0).map((h) => h.close()));
      });

      it.each(VARIANTS)(
        'creates, shows, applies and rolls back the example table $name',
        async (variant) => {
          const root = makeTempDir('walkthrough');
          const versions = copyProductScripts(root);
          const url = await freshDatabaseUrl(dialect, 'walkthrough');
          const config = writeAppConfig(root, { connectionString: url, logLevel: 'warn' });
          const cli = (...args: string[]) =>
            runMigrateCli(['--config', config, '--migrations', versions, ...args]);
          expect((await cli('upgrade', 'head')).code).toBe(0);

          // 1. Create the script, and paste the documented functions under its generated header.
          const created = await cli('revision', '-m', 'Add example table');
          expect(created.stderr).toBe('');
          expect(created.code).toBe(0);
          const file = /^Generating (\S+) \.\.\. done$/m.exec(created.stdout)?.[1];
          expect(file).toMatch(/versions\/[0-9a-f]{12}_add_example_table\.ts$/);
          const revision = /([0-9a-f]{12})_add_example_table\.ts$/.exec(file!)![1]!;
          const generated = readFileSync(file!, 'utf8');
          expect(generated).toContain(`export const down_revision = '${PRODUCT_HEAD}';`);
          const header = generated.slice(0, generated.indexOf('// Each function runs'));
          writeFileSync(file!, `${header}${variant.script(exampleFromDocs())}`);

          // Until it is built, the engine refuses to run it, naming it.
          const stale = await cli('upgrade', 'head');
          expect(stale.code).toBe(1);
          expect(stale.stderr).toContain(`${revision}_add_example_table.ts has no compiled form`);

          // 2. Build and apply.
          compileScript(file!, join(root, 'dist', 'versions'));
          const upgrade = await cli('upgrade', 'head');
          expect(upgrade.stderr).toBe('');
          expect(upgrade.stdout).toContain(`the database is now at ${revision}`);

          // 3. current shows it, and the table is there with the documented columns.
          expect((await cli('current')).stdout).toBe(`${revision} (head)\n`);
          const handle = await openDatabase<unknown>(url, { readOnly: true });
          handles.push(handle);
          const db = handle.db;
          if (dialect === 'sqlite') {
            const { rows } = await sql<{ sql: string }>`SELECT sql FROM sqlite_master
          WHERE type = 'table' AND name = 'example'`.execute(db);
            expect(rows[0]?.sql).toMatch(
              /^CREATE TABLE "example" \("id" integer primary key, "name" varchar\(100\) not null/,
            );
            expect(rows[0]?.sql).toContain(`"is_active" boolean default '1' not null`);
            expect(rows[0]?.sql).toContain(
              '"created_at" datetime default CURRENT_TIMESTAMP not null',
            );
          } else {
            const { rows } = await sql<{
              column_name: string;
              data_type: string;
              is_nullable: string;
              column_default: string | null;
            }>`
          SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
          WHERE table_name = 'example' ORDER BY ordinal_position`.execute(db);
            expect(rows.map((r) => `${r.column_name} ${r.data_type} ${r.is_nullable}`)).toEqual([
              'id integer NO',
              'name character varying NO',
              'description text YES',
              'value double precision YES',
              'is_active boolean NO',
              'created_at timestamp without time zone NO',
              'updated_at timestamp without time zone YES',
            ]);
            expect(rows[0]?.column_default).toMatch(/^nextval/);
            expect(rows[4]?.column_default).toBe('true');
          }
          const indexExists = async (): Promise<boolean> => {
            const query =
              dialect === 'sqlite'
                ? sql`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'idx_example_name'`
                : sql`SELECT indexname FROM pg_indexes WHERE indexname = 'idx_example_name'`;
            return (await query.execute(db)).rows.length > 0;
          };
          expect(await indexExists()).toBe(true);

          // 4. Roll back: table and index gone, current is the previous revision.
          const downgrade = await cli('downgrade', '-1');
          expect(downgrade.stdout).toContain(`the database is now at ${PRODUCT_HEAD}`);
          const tableQuery =
            dialect === 'sqlite'
              ? sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'example'`
              : sql`SELECT table_name FROM information_schema.tables WHERE table_name = 'example'`;
          expect((await tableQuery.execute(db)).rows).toEqual([]);
          expect(await indexExists()).toBe(false);
          expect((await cli('current')).stdout).toBe(`${PRODUCT_HEAD}\n`);
          expect(existsSync(file!)).toBe(true);
        },
        120_000,
      ); // a dozen CLI processes and a compile in turn: a bound for a loaded machine
    },
  );
}
