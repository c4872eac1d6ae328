import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, parseConnectionString } from '@meshview/db';
import { runMigrateCli } from '#test/cli.js';
import { DIALECTS, freshDatabaseUrl, schemaSnapshot } from '#test/databases.js';
import { writeAppConfig } from '#test/processes.js';
import { PRODUCT_HEAD, PRODUCT_REVISIONS } from '#test/product.js';
import { makeTempDir } from '#test/tmp.js';

const UNREACHABLE = 'postgresql://nobody@127.0.0.1:1/none';

describe('meshview-migrate upgrade/downgrade --sql without a database', () => {
  it('prints the SQL for the dialect of the connection string, or of --dialect', async () => {
    const config = writeAppConfig(makeTempDir('sql'), {
      connectionString: UNREACHABLE,
      logLevel: 'warn',
    });
    const cli = (...args: string[]) => runMigrateCli(['--config', config, ...args]);
    const pg = await cli('upgrade', '--sql');
    expect(pg.code).toBe(0);
    expect(pg.stdout).toMatch(
      new RegExp(
        `^-- upgrade from base to head on postgres: ${PRODUCT_REVISIONS.length} revision\\(s\\)`,
      ),
    );
    expect(pg.stdout).toContain('\tpayload BYTEA, \n');
    expect(pg.stdout).toContain(
      `UPDATE alembic_version SET version_num = '${PRODUCT_HEAD}' WHERE version_num = '${PRODUCT_REVISIONS.at(-2)}';\nCOMMIT;\n`,
    );
    const sqlite = await cli('upgrade', '--sql', '--dialect', 'sqlite', '23dad03d2e42:4f1d');
    expect(sqlite.code).toBe(0);
    expect(sqlite.stdout).toContain('-- Running upgrade 23dad03d2e42 -> 4f1d2a9c8b71');
    expect(sqlite.stdout).toContain('CREATE TABLE daily_snapshot');
    expect(sqlite.stdout).not.toContain('CREATE TABLE alembic_version');
    const down = await cli('downgrade', '--sql', '23dad03d2e42');
    expect(down.code).toBe(0);
    expect(down.stdout).toContain(`-- downgrade from ${PRODUCT_HEAD} to 23dad03d2e42 on postgres`);
    expect(down.stdout).toContain('DROP TABLE writer_stats;');
    expect(down.stdout).toContain(
      "UPDATE alembic_version SET version_num = '23dad03d2e42' WHERE version_num = '4f1d2a9c8b71';",
    );
    const bad = await cli('upgrade', '--sql', '--dialect', 'mysql');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--dialect must be sqlite or postgres, not "mysql"');
  });
});

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`meshview-migrate --sql on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    it('leaves the database exactly as it was', async () => {
      const url = await freshDatabaseUrl(dialect, 'cli_sql');
      const config = writeAppConfig(makeTempDir('sql'), {
        connectionString: url,
        logLevel: 'warn',
      });
      const cli = (...args: string[]) => runMigrateCli(['--config', config, ...args]);
      expect((await cli('upgrade', '4f1d2a9c8b71')).code).toBe(0);
      const before = await state(url);
      const up = await cli('upgrade', '--sql', '4f1d2a9c8b71:head');
      expect(up.code).toBe(0);
      expect(up.stdout).toContain('CREATE TABLE writer_stats');
      const down = await cli('downgrade', '--sql', 'base');
      expect(down.code).toBe(0);
      expect(down.stdout).toContain('DROP TABLE node;');
      expect(await state(url)).toEqual(before);
    });
  });
}

/** SQLite: every file of the database's folder, by hash; PostgreSQL: schema and engine rows. */
async function state(url: string): Promise<unknown> {
  const target = parseConnectionString(url);
  if (target.dialect === 'sqlite') {
    const dir = dirname(target.filename);
    return readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]);
  }
  const handle = await openDatabase<unknown>(url);
  try {
    return {
      schema: await schemaSnapshot('postgres', handle.db),
      versions: (await sql`SELECT * FROM alembic_version`.execute(handle.db)).rows,
      status: (await sql`SELECT * FROM migration_status`.execute(handle.db)).rows,
    };
  } finally {
    await handle.close();
  }
}
