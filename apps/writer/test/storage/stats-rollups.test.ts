import { describe, expect, it } from 'vitest';
import { createMeshviewMigrator } from '@meshview/migrations';
import { DAY_US, HOUR_US } from '@meshview/db';
import { runRetention } from '../../src/jobs/retention-job.js';
import { PacketStore } from '../../src/storage/packet-store.js';
import { DIALECTS } from '#test/databases.js';
import { meshTraffic } from '@meshview/sim';
import { storeTraffic } from '#test/store-traffic.js';
import { migratedDatabases } from '#test/migrated-databases.js';
import { recountRollups, rollupSnapshot } from '#test/rollups.js';
import { recordingLogger } from '../jobs/logger.js';
import { gatewayNumbers, report, reportsFrom } from '#test/records.js';

const NOW = new Date('2026-03-10T02:20:00Z');
const NOW_US = NOW.getTime() * 1000;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`the statistics roll-ups on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();

    it('count what each batch inserted, not duplicates or reports of stored packets again', async () => {
      const { db } = await fresh(dialect, 'rollups_writer');
      const store = await PacketStore.open({ db, dialect });
      await storeTraffic(db, dialect, meshTraffic(NOW_US));
      // The same packet again in a later batch, from old and new gateways, a new packet among them.
      await store.writeBatch([
        ...reportsFrom(gatewayNumbers(3), { id: 7, from: 0x42, importUs: NOW_US - HOUR_US }),
        report({ id: 8, from: 0x43, to: 0x42, portnum: 67, importUs: NOW_US }),
      ]);
      await store.writeBatch([
        ...reportsFrom(gatewayNumbers(5), { id: 7, from: 0x42, importUs: NOW_US }),
        report({ id: 8, from: 0x43, importUs: NOW_US, gateway: 0xa000 }),
      ]);
      const kept = await rollupSnapshot(db);
      expect(kept).toEqual(await recountRollups(db));
      expect(kept.stats_sender_hourly).toContain(
        `${0x42} ${NOW_US - HOUR_US - ((NOW_US - HOUR_US) % HOUR_US)} ${0xffffffff} "LongFast" 1 → 1/3`,
      );
      expect(kept.stats_sender_hourly).toContain(
        `${0x42} ${NOW_US - (NOW_US % HOUR_US)} ${0xffffffff} "LongFast" 1 → 0/2`,
      );
    });

    it('are counted from the stored rows by their migration, as the writer keeps them', async () => {
      const { db } = await fresh(dialect, 'rollups_backfill');
      await storeTraffic(db, dialect, meshTraffic(NOW_US));
      const store = await PacketStore.open({ db, dialect });
      await store.writeBatch(
        reportsFrom(gatewayNumbers(4), { id: 9, importUs: NOW_US - 20 * DAY_US }),
      );
      const kept = await rollupSnapshot(db);
      const migrator = await createMeshviewMigrator({ dialect, db });
      await migrator.downgrade('-1');
      await migrator.upgrade('head');
      expect(await rollupSnapshot(db)).toEqual(kept);
      expect(kept.stats_daily?.length).toBeGreaterThan(2);
    });

    it('lose exactly what retention deletes, receptions deleted with their old packet included', async () => {
      const { db } = await fresh(dialect, 'rollups_retention');
      const store = await PacketStore.open({ db, dialect });
      const old = NOW_US - 15 * DAY_US;
      const edge = NOW_US - 14 * DAY_US - 30 * 60_000_000; // before the cutoff, same day
      await store.writeBatch([
        ...reportsFrom(gatewayNumbers(3), { id: 1, importUs: old }),
        ...reportsFrom(gatewayNumbers(2), { id: 2, importUs: edge }),
        ...reportsFrom(gatewayNumbers(2), { id: 3, importUs: NOW_US - 14 * DAY_US + HOUR_US }),
        report({ id: 4, importUs: NOW_US - DAY_US }),
      ]);
      // A late reception of an old packet: deleted with its packet although imported later.
      await store.writeBatch([report({ id: 1, gateway: 0xb000, importUs: NOW_US - DAY_US })]);
      await storeTraffic(db, dialect, meshTraffic(NOW_US));

      const result = await runRetention(
        { db, dialect, logger: recordingLogger(), now: () => NOW },
        { daysToKeep: 14, vacuum: false },
      );
      expect(result.cutoffUs % HOUR_US).toBe(0);
      expect(result.packets).toBe(2);
      expect(result.rollupRows).toBeGreaterThan(0);
      expect(await rollupSnapshot(db)).toEqual(await recountRollups(db));
    });
  });
}
