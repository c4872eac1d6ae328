import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DAY_US, type DatabaseConnection } from '@meshview/db';
import type { JobContext } from '../../src/jobs/job-context.js';
import { runRetention } from '../../src/jobs/retention-job.js';
import { PacketStore } from '../../src/storage/packet-store.js';
import { DIALECTS } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';
import { gatewayNumbers, report, reportsFrom, userId } from '#test/records.js';
import { recordingLogger } from './logger.js';

const NOW = new Date('2026-03-10T02:00:00Z');
const NOW_US = NOW.getTime() * 1000;
const OLD_US = NOW_US - 20 * DAY_US;
const NEW_US = NOW_US - 2 * DAY_US;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`runRetention on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();

    async function setup() {
      const handle = await fresh(dialect, 'retention');
      const store = await PacketStore.open({ db: handle.db, dialect });
      const logger = recordingLogger();
      const ctx: JobContext = { db: handle.db, dialect, logger, now: () => NOW };
      return { handle, db: handle.db, store, logger, ctx };
    }

    const ids = async (handle: DatabaseConnection, table: string, column: string) =>
      (
        await sql<{
          v: number | string;
        }>`SELECT ${sql.ref(column)} AS v FROM ${sql.table(table)} ORDER BY 1`.execute(handle.db)
      ).rows.map((r) => r.v);

    it('deletes old packets with their children first, then old nodes, keeping NULL last_seen', async () => {
      const { handle, db, store, logger, ctx } = await setup();
      const oldNode = (n: number) => ({ id: userId(n), node_id: n, seen_us: OLD_US });
      await store.writeBatch([
        ...reportsFrom(gatewayNumbers(3), { id: 1, importUs: OLD_US, traceroute: { done: true } }),
        ...reportsFrom(gatewayNumbers(2), { id: 2, importUs: OLD_US, nodes: [oldNode(0x10)] }),
        ...reportsFrom(gatewayNumbers(2), { id: 3, importUs: NEW_US, traceroute: { done: false } }),
        report({
          id: 4,
          importUs: NEW_US,
          nodes: [{ id: userId(0x20), node_id: 0x20, seen_us: NEW_US }],
        }),
      ]);
      // A late report of an old packet: a new child row that still refers to an old parent.
      await store.writeBatch([
        report({ id: 1, gateway: 0xb000, importUs: NEW_US, traceroute: { done: true } }),
      ]);
      await db
        .insertInto('node')
        .values({ id: userId(0x30), node_id: 0x30 })
        .execute();

      const result = await runRetention(ctx, { daysToKeep: 14, vacuum: true, batchSize: 2 });

      expect(result).toEqual({
        cutoffUs: NOW_US - 14 * DAY_US,
        packets: 2,
        packetSeen: 6,
        traceroutes: 4,
        nodes: 1,
        // The old packets' bucket, for each of their two ports, in the six roll-ups.
        rollupRows: 12,
        vacuumed: dialect === 'sqlite',
      });
      expect(await ids(handle, 'packet', 'id')).toEqual([3, 4]);
      expect(await ids(handle, 'packet_seen', 'packet_id')).toEqual([3, 3, 4]);
      expect(await ids(handle, 'traceroute', 'packet_id')).toEqual([3, 3]);
      expect(await ids(handle, 'node', 'node_id')).toEqual([0x20, 0x30]);
      expect(logger.lines.at(-1)).toMatchObject({ level: 'info', message: 'cleanup done' });
    });

    it('lets ingestion write between its delete transactions', async () => {
      const { handle, store, ctx } = await setup();
      await store.writeBatch(
        Array.from({ length: 40 }, (_, i) =>
          report({ id: 100 + i, importUs: OLD_US, traceroute: { done: true } }),
        ),
      );
      let retentionDone = false;
      const retention = runRetention(ctx, { daysToKeep: 14, vacuum: false, batchSize: 1 }).then(
        (r) => {
          retentionDone = true;
          return r;
        },
      );
      // Started while the cleanup runs, an ingestion batch is written before the cleanup ends.
      const outcome = await store.writeBatch([report({ id: 999, importUs: NOW_US })]);
      expect(outcome.stored).toBe(1);
      expect(retentionDone).toBe(false);
      expect((await retention).packets).toBe(40);
      expect(await ids(handle, 'packet', 'id')).toEqual([999]);
    });

    it('deletes nothing when nothing is old, and skips VACUUM where it does not apply', async () => {
      const { store, logger, ctx } = await setup();
      await store.writeBatch([report({ id: 1, importUs: NEW_US })]);
      const result = await runRetention(ctx, { daysToKeep: 14, vacuum: dialect !== 'sqlite' });
      expect(result).toMatchObject({
        packets: 0,
        packetSeen: 0,
        traceroutes: 0,
        nodes: 0,
        vacuumed: false,
      });
      if (dialect === 'postgres') {
        expect(logger.lines.map((l) => l.message)).toContain(
          'VACUUM skipped: not SQLite (autovacuum reclaims the space)',
        );
      }
    });
  });
}
