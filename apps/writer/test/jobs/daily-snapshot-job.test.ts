import { describe, expect, it } from 'vitest';
import { takeDailySnapshot } from '../../src/jobs/daily-snapshot-job.js';
import { PacketStore } from '../../src/storage/packet-store.js';
import { DIALECTS } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';
import { report, userId } from '#test/records.js';
import { recordingLogger } from './logger.js';

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`takeDailySnapshot on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();

    it("upserts today's counts: a second run the same day replaces them", async () => {
      const { db } = await fresh(dialect, 'snapshot');
      const store = await PacketStore.open({ db, dialect });
      const node = (n: number) => ({ id: userId(n), node_id: n, seen_us: 1 });
      await store.writeBatch([
        report({ id: 1, gateway: 0xa000, nodes: [node(0xa000), node(0x1)] }),
        report({ id: 2, gateway: 0xa000 }),
      ]);
      let now = new Date('2026-03-10T01:00:00Z');
      const ctx = { db, dialect, logger: recordingLogger(), now: () => now };
      expect(await takeDailySnapshot(ctx)).toEqual({
        snapshot_date: '2026-03-10',
        node_count: 2,
        packet_count: 2,
        gateway_count: 1,
        captured_at_us: now.getTime() * 1000,
      });

      await store.writeBatch([report({ id: 3, gateway: 0xa001, nodes: [node(0xa001)] })]);
      now = new Date('2026-03-10T13:00:00Z');
      await takeDailySnapshot(ctx);
      now = new Date('2026-03-11T01:00:00Z');
      await takeDailySnapshot(ctx);
      const rows = await db
        .selectFrom('daily_snapshot')
        .selectAll()
        .orderBy('snapshot_date')
        .execute();
      expect(rows).toEqual([
        {
          snapshot_date: '2026-03-10',
          node_count: 3,
          packet_count: 3,
          gateway_count: 2,
          captured_at_us: Date.parse('2026-03-10T13:00:00Z') * 1000,
        },
        {
          snapshot_date: '2026-03-11',
          node_count: 3,
          packet_count: 3,
          gateway_count: 2,
          captured_at_us: Date.parse('2026-03-11T01:00:00Z') * 1000,
        },
      ]);
    });
  });
}
