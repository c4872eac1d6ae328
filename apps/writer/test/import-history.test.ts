import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SIM_SECONDARY_KEY_BASE64, simulateMesh } from '@meshview/sim';
import { importHistory } from '../src/import-history.js';
import { DIALECTS } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';
import { recountRollups, rollupSnapshot } from '#test/rollups.js';

const NOW_US = 1_780_000_000_000_000;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`importHistory on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();

    it('stores past messages at the times they were received, with the secondary keys', async () => {
      const { db } = await fresh(dialect, 'import_history');
      const mesh = simulateMesh({ seed: 5, nowUs: NOW_US, hours: 3 });
      const imported = await importHistory({
        db,
        dialect,
        secondaryKeys: [SIM_SECONDARY_KEY_BASE64],
        messages: mesh.messages,
        batchSize: 500,
      });
      const { packets } = mesh.record;
      expect(imported).toEqual({
        stored: packets.length,
        duplicates: mesh.messages.length - packets.length,
        notStored: 0,
      });
      // Each packet at its first report's time; sealed ones (portnum 0) only on the private channel.
      const { rows } = await sql<{ id: number; import_time_us: number; portnum: number }>`
        SELECT id, import_time_us, portnum FROM packet`.execute(db);
      const got = new Map(rows.map((r) => [Number(r.id), r]));
      for (const p of packets) {
        const row = got.get(p.id)!;
        expect(Number(row.import_time_us)).toBe(p.receptions[0]!.importUs);
        expect(Number(row.portnum)).toBe(p.decodable ? p.portnum : 0);
      }
      expect(await rollupSnapshot(db)).toEqual(await recountRollups(db));
    });
  });
}
