import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigrateCli } from '#test/cli.js';
import { writeAppConfig } from '#test/processes.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { makeTempDir } from '#test/tmp.js';

const HISTORY = `69e00a3c10ef -> c507809efd55 (head), packet index by channel and port
b7d9f1a3c5e8 -> 69e00a3c10ef, add node precision_bits
a1c3e5f7b9d2 -> b7d9f1a3c5e8, stats roll-ups
ef8c9c0f7bd5 -> a1c3e5f7b9d2, reader indexes; idx_traceroute_packet_id; drop example
c6b1d8f2a9e3 -> ef8c9c0f7bd5, add writer_stats
4f1d2a9c8b71 -> c6b1d8f2a9e3, compat placeholder (no-op)
23dad03d2e42 -> 4f1d2a9c8b71, add daily_snapshot
<base> -> 23dad03d2e42, MeshView 3.0.5 schema: node, packet, packet_seen, traceroute, node_public_key
`;

describe('meshview-migrate without a database', () => {
  it('lists history and heads from the scripts alone', async () => {
    const config = writeAppConfig(makeTempDir('cli'), {
      connectionString: 'postgresql://nobody@127.0.0.1:1/none',
      logLevel: 'warn',
    });
    expect(await runMigrateCli(['--config', config, 'history'])).toMatchObject({
      code: 0,
      stdout: HISTORY,
    });
    expect(await runMigrateCli(['--config', config, 'heads'])).toMatchObject({
      code: 0,
      stdout: 'c507809efd55 (head)\n',
    });
    const verbose = await runMigrateCli(['--config', config, 'history', '--verbose']);
    expect(verbose.stdout).toContain('Rev: c507809efd55 (head)\nParent: 69e00a3c10ef\nPath: ');
  });

  it('answers a usage error with exit 2 and the usage', async () => {
    const result = await runMigrateCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown verb "frobnicate"');
    expect(result.stderr).toContain('usage: meshview-migrate');
    expect((await runMigrateCli(['downgrade'])).code).toBe(2);
    expect((await runMigrateCli(['--help'])).stdout).toContain('upgrade [head|+N|REV|REV+N]');
  });

  it('stops on a bad config value, naming file, key and value', async () => {
    const dir = makeTempDir('cli-bad');
    const config = join(dir, 'bad.ini');
    writeFileSync(config, '[migrations]\nwait_retries = lots\n');
    const result = await runMigrateCli(['--config', config, 'heads']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.ini: \[migrations\] wait_retries = "lots"/);
  });
});

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`meshview-migrate on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    it('upgrades, shows, downgrades and stamps with Alembic argument forms', async () => {
      const config = writeAppConfig(makeTempDir('cli'), {
        connectionString: await freshDatabaseUrl(dialect, 'cli'),
        logLevel: 'warn',
      });
      const cli = (...args: string[]) => runMigrateCli(['--config', config, ...args]);

      if (dialect === 'sqlite') {
        // current opens the database read-only: a file that does not exist is not created.
        const missing = await cli('current');
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain('[DB_NOT_FOUND]');
      } else {
        // At base, current says so (Alembic prints nothing, which reads like no answer at all).
        expect(await cli('current')).toMatchObject({
          code: 0,
          stdout: '<base> (no revision applied)\n',
        });
      }
      expect((await cli('upgrade', '4f1d')).stdout).toMatch(
        /^applied 23dad03d2e42 \(\d+ ms\)\napplied 4f1d2a9c8b71 \(\d+ ms\)\nthe database is now at 4f1d2a9c8b71\n$/,
      );
      expect((await cli('current')).stdout).toBe('4f1d2a9c8b71\n');
      expect((await cli('upgrade', '+1')).stdout).toContain('the database is now at c6b1d8f2a9e3');
      expect((await cli('current')).stdout).toBe('c6b1d8f2a9e3\n');
      expect((await cli('upgrade', 'head')).stdout).toContain(
        'the database is now at c507809efd55',
      );
      expect((await cli('current')).stdout).toBe('c507809efd55 (head)\n');
      expect((await cli('upgrade', 'head')).stdout).toBe(
        'nothing to do: the database is at c507809efd55\n',
      );
      expect((await cli('history', '-i')).stdout).toContain(
        '-> c507809efd55 (head) (current), packet index by channel and port',
      );

      const verbose = await cli('current', '--verbose');
      expect(verbose.stdout).toContain('Rev: c507809efd55 (head)');
      expect(verbose.stdout).toMatch(
        /Migration flag: no migration in progress \(last run from c6b1d8f2a9e3 to c507809efd55 by pid \d+/,
      );

      expect((await cli('downgrade', '-7')).stdout).toContain(
        'the database is now at 23dad03d2e42',
      );
      expect((await cli('downgrade', 'base')).stdout).toContain('the database is now at base');
      expect((await cli('current')).stdout).toBe('<base> (no revision applied)\n');
      expect((await cli('stamp', 'head')).stdout).toBe('stamped at c507809efd55\n');
      expect((await cli('stamp', '23dad')).stdout).toBe('stamped at 23dad03d2e42\n');
      expect((await cli('current')).stdout).toBe('23dad03d2e42\n');
      // Seventeen CLI processes one after another: give a busy machine time.
    }, 120_000);

    it('lists the known revisions for an unknown id, and explains a retired one', async () => {
      const config = writeAppConfig(makeTempDir('cli'), {
        connectionString: await freshDatabaseUrl(dialect, 'cli_ids'),
        logLevel: 'warn',
      });
      const unknown = await runMigrateCli(['--config', config, 'upgrade', 'zzz']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('[MIGRATE_UNKNOWN_REVISION]');
      expect(unknown.stderr).toContain(
        'known revisions: 23dad03d2e42, 4f1d2a9c8b71, c6b1d8f2a9e3, ef8c9c0f7bd5, a1c3e5f7b9d2, b7d9f1a3c5e8, 69e00a3c10ef, c507809efd55',
      );
      const retired = await runMigrateCli(['--config', config, 'stamp', '1717fa5c6545']);
      expect(retired.code).toBe(1);
      expect(retired.stderr).toContain('upgrade this database with MeshView 3.0.5 first');
    });
  });
}
