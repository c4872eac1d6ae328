import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LogLevel } from '@meshview/config';
import { cliLogLevel } from '../src/cli-log-level.js';
import { runMigrateCli } from '#test/cli.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { writeAppConfig } from '#test/processes.js';
import { PRODUCT_HEAD } from '#test/product.js';
import { makeTempDir } from '#test/tmp.js';

describe('cliLogLevel', () => {
  it('keeps to warnings without --verbose and shows progress with it, the config moving both ways', () => {
    const table = (['trace', 'debug', 'info', 'warn', 'error', 'silent'] as LogLevel[]).map(
      (level) => [level, cliLogLevel(level, false), cliLogLevel(level, true)],
    );
    expect(table).toEqual([
      ['trace', 'warn', 'trace'],
      ['debug', 'warn', 'debug'],
      ['info', 'warn', 'info'],
      ['warn', 'warn', 'info'],
      ['error', 'error', 'info'],
      ['silent', 'silent', 'info'],
    ]);
  });
});

/** A line that pino wrote as JSON. */
const JSON_LINE = /^\{.*\}$/m;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`meshview-migrate's log on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    it('prints only its answer at [logging] level = info, and readable progress lines with --verbose', async () => {
      const config = writeAppConfig(makeTempDir('cli-log'), {
        connectionString: await freshDatabaseUrl(dialect, 'cli_log'),
        logLevel: 'info',
      });
      const cli = (...args: string[]) => runMigrateCli(['--config', config, ...args]);

      const quiet = await cli('upgrade', '4f1d');
      expect(quiet).toMatchObject({ code: 0, stderr: '' });
      expect(quiet.stdout).toMatch(/^applied 23dad03d2e42 \(\d+ ms\)\n/);
      for (const args of [['current'], ['history', '-i'], ['stamp', '4f1d'], ['heads']]) {
        const result = await cli(...args);
        expect({ args, stderr: result.stderr }).toEqual({ args, stderr: '' });
      }

      // --verbose after the verb, or before it: the engine's info lines, for a person, on stderr.
      for (const args of [
        ['upgrade', '+1', '--verbose'],
        ['-v', 'downgrade', '-1'],
      ]) {
        const verbose = await cli(...args);
        expect(verbose.code).toBe(0);
        expect(verbose.stdout).toMatch(/^(applied|undid) c6b1d8f2a9e3/);
        expect(verbose.stderr).not.toMatch(JSON_LINE);
        expect(verbose.stderr).toMatch(
          /^info: (upgrade|downgrade) c6b1d8f2a9e3: compat placeholder/m,
        );
        expect(
          verbose.stderr
            .split('\n')
            .filter(Boolean)
            .every((l) => l.startsWith('info: ')),
        ).toBe(true);
      }
    }, 60_000);

    it('still shows a warning without --verbose, readable, and [logging] level = error hides it', async () => {
      const dir = makeTempDir('cli-warn');
      const url = await freshDatabaseUrl(dialect, 'cli_warn');
      const warned = writeAppConfig(dir, { connectionString: url, logLevel: 'info' });
      appendFileSync(warned, 'colour = blue\n');
      // heads reads no database (current refuses a SQLite file that does not exist yet).
      const result = await runMigrateCli(['--config', warned, 'heads']);
      expect(result).toMatchObject({ code: 0, stdout: `${PRODUCT_HEAD} (head)\n` });
      expect(result.stderr).toMatch(
        /^warning: \S+config\.ini: unknown key \[logging\] colour is ignored.*\n$/,
      );

      const hushed = writeAppConfig(makeTempDir('cli-warn'), {
        connectionString: url,
        logLevel: 'error',
      });
      appendFileSync(hushed, 'colour = blue\n');
      expect(await runMigrateCli(['--config', hushed, 'heads'])).toMatchObject({
        code: 0,
        stderr: '',
      });
    });
  });
}
