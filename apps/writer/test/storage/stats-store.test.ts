import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMeshviewMigrator } from '@meshview/migrations';
import type { CounterValues } from '../../src/ingest/ingest-counters.js';
import { StatsStore } from '../../src/storage/stats-store.js';
import { DIALECTS } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';

const counters = (n: number): CounterValues => ({
  received: n,
  stored: n - 1,
  duplicates: 2 * n,
  undecryptable: 3,
  malformed: 4,
  skipped: 5,
  rate_limited: 6,
  dropped: 7,
  reconnects: 8,
});

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`writer_stats on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();

    it('upserts one row per writer with its counters and the time', async () => {
      const { db } = await fresh(dialect, 'writer_stats');
      let now = 1_760_000_000_000;
      const stats = new StatsStore({
        db,
        dialect,
        writerId: 'host:42',
        startedUs: 1,
        now: () => now,
      });
      await stats.write(counters(10));
      now += 5000;
      await stats.write(counters(20));
      await new StatsStore({ db, dialect, writerId: 'other:7', startedUs: 2 }).write(counters(1));
      const { rows } = await sql<Record<string, unknown>>`
        SELECT * FROM writer_stats ORDER BY writer_id`.execute(db);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toEqual({
        writer_id: 'host:42',
        started_us: 1,
        updated_us: 1_760_000_005_000_000,
        received: 20,
        stored: 19,
        duplicates: 40,
        undecryptable: 3,
        malformed: 4,
        skipped: 5,
        rate_limited: 6,
        dropped: 7,
        reconnects: 8,
      });
    });

    it('is created by revision ef8c9c0f7bd5 and dropped by its downgrade', async () => {
      const { db } = await fresh(dialect, 'writer_stats_down');
      const migrator = await createMeshviewMigrator({ dialect, db });
      await migrator.downgrade('ef8c9c0f7bd5');
      expect(await migrator.currentRevisions()).toEqual(['ef8c9c0f7bd5']);
      await migrator.downgrade('c6b1d8f2a9e3');
      await expect(sql`SELECT count(*) FROM writer_stats`.execute(db)).rejects.toThrow();
      await migrator.upgrade('head');
      expect(
        (await sql<{ n: number }>`SELECT count(*) AS n FROM writer_stats`.execute(db)).rows[0]?.n,
      ).toBe(0);
    });
  });
}
