import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { runMigrateCli } from '#test/cli.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { writeAppConfig } from '#test/processes.js';
import { PRODUCT_HEAD, PRODUCT_REVISIONS } from '#test/product.js';
import { compileScript, copyProductScripts } from '#test/scripts.js';
import { makeTempDir } from '#test/tmp.js';

/** Newlines, both quotes, a backtick, `${`, backslashes, a comment end and unicode. */
const MESSAGE =
  'Add the "example" table\n' +
  "It's a `test` of ${x}, C:\\temp\\new and \\n, which */ ends a comment\n" +
  '\n' +
  'unicode: é 🚀';

/** The message as the verbose blocks show it: each line indented by four spaces. */
const INDENTED = MESSAGE.split('\n')
  .map((line) => (line === '' ? '' : `    ${line}`))
  .join('\n');

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `meshview-migrate messages on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      it('revision -m writes any message into a script that builds, and history, heads and current show it as given', async () => {
        const root = makeTempDir('message');
        const versions = copyProductScripts(root);
        const config = writeAppConfig(root, {
          connectionString: await freshDatabaseUrl(dialect, 'cli_message'),
        });
        const cli = (...args: string[]) =>
          runMigrateCli(['--config', config, '--migrations', versions, ...args]);

        const created = await cli('revision', '-m', MESSAGE);
        expect(created).toMatchObject({ code: 0, stderr: '' });
        const file = /^Generating (\S+) \.\.\. done$/m.exec(created.stdout)![1]!;
        expect(basename(file)).toMatch(/^[0-9a-f]{12}_add_the_example_table\.ts$/);
        const revision = basename(file).slice(0, 12);
        const source = readFileSync(file, 'utf8');
        expect(source).toContain(`export const down_revision = '${PRODUCT_HEAD}';`);
        expect(
          await prettier.check(source, { ...(await prettier.resolveConfig(file)), filepath: file }),
        ).toBe(true);

        // One line per revision, the message's first line and how many more; --verbose: all of it.
        const firstLine = `${PRODUCT_HEAD} -> ${revision} (head), Add the "example" table (+3 more lines)\n`;
        const listed = async (): Promise<void> => {
          const history = await cli('history');
          expect(history).toMatchObject({ code: 0, stderr: '' });
          expect(history.stdout.startsWith(firstLine)).toBe(true);
          expect(history.stdout.split('\n')).toHaveLength(PRODUCT_REVISIONS.length + 2);
          const verbose = await cli('history', '--verbose');
          expect(verbose.stdout).toContain(
            `Rev: ${revision} (head)\nParent: ${PRODUCT_HEAD}\nPath: ${file}\n`,
          );
          expect(verbose.stdout).toContain(`\n\n${INDENTED}\n\n    Revision ID: ${revision}\n`);
          expect((await cli('heads')).stdout).toBe(`${revision} (head)\n`);
          expect((await cli('heads', '-v')).stdout).toContain(`\n\n${INDENTED}\n\n`);
        };
        // Before the build the script is read from its source; after it, from its compiled module.
        await listed();
        compileScript(file, join(root, 'dist', 'versions'));
        const compiled = join(root, 'dist', 'versions', basename(file).replace(/\.ts$/, '.js'));
        const script = (await import(pathToFileURL(compiled).href)) as {
          readonly message?: unknown;
        };
        expect(script.message).toBe(MESSAGE);
        await listed();

        expect((await cli('upgrade', 'head')).stdout).toContain(
          `the database is now at ${revision}`,
        );
        expect((await cli('current')).stdout).toBe(`${revision} (head)\n`);
        const current = await cli('current', '--verbose');
        expect(current.stdout).toContain(`Rev: ${revision} (head)\n`);
        expect(current.stdout).toContain(`\n\n${INDENTED}\n\n`);
        // A dozen CLI processes one after another: give a busy machine time.
      }, 120_000);
    },
  );
}
