import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '@meshview/db';
import { DIALECTS } from '#test/databases.js';
import { meshTraffic, TRAFFIC_NODES } from '@meshview/sim';
import { storeTraffic } from '#test/store-traffic.js';
import { migratedDatabases } from '#test/migrated-databases.js';

const NOW_US = 1_780_000_000_000_000;

const count = async (db: Kysely<Database>, table: string): Promise<number> => {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(
    db,
  );
  return Number(rows[0]!.n);
};

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `the reader tests' mesh traffic on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      const fresh = migratedDatabases();

      it('lands through the writer pipeline with every packet, gateway report, node and key', async () => {
        const { db } = await fresh(dialect, 'mesh_traffic');
        const traffic = meshTraffic(NOW_US);
        await storeTraffic(db, dialect, traffic);

        expect(await count(db, 'packet')).toBe(traffic.seenCount.size);
        expect(await count(db, 'packet_seen')).toBe(traffic.messages.length);
        expect(await count(db, 'node')).toBe(Object.keys(TRAFFIC_NODES).length);
        // Six nodes' keys plus Bob's second one.
        expect(await count(db, 'node_public_key')).toBe(7);
        expect(await count(db, 'traceroute')).toBe(2);

        const { rows } = await sql<{ portnum: number; n: number }>`
        SELECT portnum, count(*) AS n FROM packet GROUP BY portnum ORDER BY portnum`.execute(db);
        expect(rows.map((r) => [Number(r.portnum), Number(r.n)])).toEqual([
          [0, 2], // PKI and the undecryptable one
          [1, 6],
          [3, 2],
          [4, 7],
          [5, 1],
          [67, 1],
          [70, 1],
          [71, 1],
          [73, 1],
        ]);
        const dave = await db
          .selectFrom('node')
          .select(['hw_model', 'role', 'long_name', 'is_mqtt_gateway'])
          .where('node_id', '=', TRAFFIC_NODES.dave.num)
          .executeTakeFirstOrThrow();
        expect(dave).toMatchObject({
          hw_model: 'unknown(999)',
          role: 'ROUTER',
          long_name: 'Dave Relay',
        });
        expect(Boolean(dave.is_mqtt_gateway)).toBe(true);
      });
    },
  );
}
