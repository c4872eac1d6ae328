import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { WalCheckpointer } from '../../src/ingest/wal-checkpointer.js';
import { freshDatabaseUrl } from '#test/databases.js';

describe('WalCheckpointer', () => {
  it('copies what another connection committed with autocheckpoint off back into the database file', async () => {
    const url = await freshDatabaseUrl('sqlite', 'wal_checkpointer');
    const file = url.slice('sqlite:///'.length);
    const writer = await openDatabase(url);
    const main = await openDatabase(url);
    try {
      await sql.raw('PRAGMA wal_autocheckpoint = 0').execute(writer.db);
      await sql.raw('CREATE TABLE t (x BLOB)').execute(writer.db);
      for (let i = 0; i < 200; i++) {
        await sql`INSERT INTO t (x) VALUES (${Buffer.alloc(4096, i)})`.execute(writer.db);
      }
      const before = statSync(file).size;
      const checkpointer = new WalCheckpointer(
        main.db,
        createLogger({ name: 't', level: 'silent' }),
      );
      await checkpointer.stop(); // a last checkpoint
      expect(statSync(file).size).toBeGreaterThan(before + 200 * 4096 * 0.9);
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(main.db);
      expect(Number(rows[0]!.n)).toBe(200);
    } finally {
      await Promise.all([writer.close(), main.close()]);
    }
  });
});
