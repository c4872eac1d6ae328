import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  DAY_US,
  NEW_PACKETS_CHANNEL,
  PostgresListener,
  type DatabaseConnection,
  type PostgresTarget,
} from '@meshview/db';
import { createKeyRing, interpretEnvelope, type PacketRecord } from '@meshview/mesh';
import { nodeInfoEnvelope, textEnvelope, topicFor } from '@meshview/sim';
import { PacketStore } from '../../src/storage/packet-store.js';
import { DIALECTS } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';
import { pgSkipReason } from '#test/postgres.js';
import { gatewayNumbers, report, reportsFrom, T0, userId } from '#test/records.js';

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`PacketStore on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();

    async function setup(reuseWindowUs: number | null = null) {
      const handle = await fresh(dialect, 'packet_store');
      const store = await PacketStore.open({ db: handle.db, dialect, reuseWindowUs });
      return { handle, db: handle.db, store };
    }

    const count = async (handle: DatabaseConnection, table: string): Promise<number> => {
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(handle.db);
      return Number(rows[0]!.n);
    };

    it('stores one packet reported by ten gateways as one packet row and ten packet_seen rows', async () => {
      const { handle, store } = await setup();
      const outcome = await store.writeBatch(reportsFrom(gatewayNumbers(10), { id: 1001 }));
      expect(outcome).toMatchObject({ records: 10, stored: 1, duplicates: 9, seen: 10 });
      expect(outcome.idReuse).toEqual([]);
      expect(await count(handle, 'packet')).toBe(1);
      expect(await count(handle, 'packet_seen')).toBe(10);
      const seen = await handle.db
        .selectFrom('packet_seen')
        .selectAll()
        .where('node_id', '=', 0xa000)
        .executeTakeFirstOrThrow();
      expect(seen).toMatchObject({
        packet_id: 1001,
        rx_time: 1_760_000_000,
        hop_limit: 3,
        hop_start: 7,
        rx_snr: 6.25,
        rx_rssi: -90,
        channel: 'LongFast',
        topic: 'msh/US/2/e/LongFast/!0000a000',
        import_time_us: T0,
      });
    });

    it('keeps the first report of a packet id, within a batch and across batches', async () => {
      const { handle, store } = await setup();
      const first = report({ id: 7, gateway: 0xa001, payload: Uint8Array.of(1, 1, 1) });
      const again = report({ id: 7, gateway: 0xa002, payload: Uint8Array.of(2, 2, 2) });
      // The same envelope twice (a QoS 1 redelivery): one packet_seen row.
      const redelivered = report({ id: 7, gateway: 0xa001, payload: Uint8Array.of(3) });
      const batch1 = await store.writeBatch([first, again, redelivered]);
      expect(batch1).toMatchObject({ records: 3, stored: 1, duplicates: 2, seen: 2 });

      const batch2 = await store.writeBatch([
        report({ id: 7, gateway: 0xa003, payload: Uint8Array.of(4) }),
        report({ id: 7, gateway: 0xa001 }),
        report({ id: 8, gateway: 0xa001 }),
      ]);
      expect(batch2).toMatchObject({ records: 3, stored: 1, duplicates: 2, seen: 2 });
      const packet = await handle.db
        .selectFrom('packet')
        .select('payload')
        .where('id', '=', 7)
        .executeTakeFirstOrThrow();
      expect([...packet.payload!]).toEqual([1, 1, 1]);
      expect(await count(handle, 'packet_seen')).toBe(4);
    });

    it('stores a packet without a gateway as a packet row only', async () => {
      const { handle, store } = await setup();
      const outcome = await store.writeBatch([report({ id: 9, gateway: null })]);
      expect(outcome).toMatchObject({ stored: 1, seen: 0 });
      expect(await count(handle, 'packet')).toBe(1);
      expect(await count(handle, 'packet_seen')).toBe(0);
    });

    it('stores names with NUL characters and hop counts past an integer as both databases can, alike', async () => {
      const { handle, store } = await setup();
      const interpret = (payload: Uint8Array): PacketRecord => {
        const result = interpretEnvelope(topicFor(), payload, {
          keyRing: createKeyRing([]),
          skipNodeIds: new Set(),
          nowUs: T0,
        });
        if (result.kind !== 'packet') throw new Error(`not a packet: ${JSON.stringify(result)}`);
        return result.record;
      };
      const outcome = await store.writeBatch([
        interpret(
          nodeInfoEnvelope(
            { id: '!1a2b3c4d', longName: 'Base\u0000Camp', shortName: 'B\u0000C' },
            { id: 4001, channelId: 'Long\u0000Fast' },
          ),
        ),
        interpret(textEnvelope('hi', { id: 4002, hopLimit: 0xffff_ffff, hopStart: 0x8000_0000 })),
      ]);
      expect(outcome).toMatchObject({ records: 2, stored: 2 });
      const node = await handle.db
        .selectFrom('node')
        .select(['long_name', 'short_name', 'channel'])
        .where('node_id', '=', 0x1a2b3c4d)
        .executeTakeFirstOrThrow();
      expect(node).toEqual({ long_name: 'BaseCamp', short_name: 'BC', channel: 'LongFast' });
      const seen = await handle.db
        .selectFrom('packet_seen')
        .select(['packet_id', 'hop_limit', 'hop_start', 'channel'])
        .orderBy('packet_id')
        .execute();
      expect(seen).toEqual([
        { packet_id: 4001, hop_limit: 3, hop_start: 3, channel: 'LongFast' },
        { packet_id: 4002, hop_limit: null, hop_start: null, channel: 'LongFast' },
      ]);
    });

    it('writes nothing for an empty batch', async () => {
      const { handle, store } = await setup();
      expect(await store.writeBatch([])).toMatchObject({ records: 0, stored: 0 });
      expect(await count(handle, 'packet')).toBe(0);
    });

    it('upserts nodes from each source, keeping stored values of fields a source leaves out', async () => {
      const { handle, store } = await setup();
      const node = 0x0badcafe;
      const id = userId(node);
      const nodeInfo = {
        id,
        node_id: node,
        long_name: 'Base camp',
        short_name: 'BC',
        hw_model: 'RAK4631',
        role: 'CLIENT_MUTE',
        channel: 'LongFast',
        seen_us: T0 + 1000,
      };
      await store.writeBatch([report({ id: 1, from: node, portnum: 4, nodes: [nodeInfo] })]);
      // POSITION: coordinates only; an older report in the same batch must not move last_seen back.
      await store.writeBatch([
        report({
          id: 2,
          from: node,
          portnum: 3,
          nodes: [
            {
              id,
              node_id: node,
              last_lat: 377_000_000,
              last_long: -1_224_000_000,
              precision_bits: 14,
              seen_us: T0 + 5000,
            },
          ],
        }),
        report({
          id: 3,
          from: node,
          portnum: 3,
          nodes: [{ id, node_id: node, seen_us: T0 + 2000 }],
        }),
      ]);
      // MAP_REPORT: firmware, a new long name.
      await store.writeBatch([
        report({
          id: 4,
          from: node,
          portnum: 73,
          nodes: [
            { id, node_id: node, long_name: 'Base camp 2', firmware: '2.6.11', seen_us: T0 + 4000 },
          ],
        }),
      ]);
      const row = await handle.db
        .selectFrom('node')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        id,
        node_id: node,
        long_name: 'Base camp 2',
        short_name: 'BC',
        hw_model: 'RAK4631',
        firmware: '2.6.11',
        role: 'CLIENT_MUTE',
        last_lat: 377_000_000,
        last_long: -1_224_000_000,
        channel: 'LongFast',
        is_mqtt_gateway: null,
        first_seen_us: T0 + 1000,
        last_seen_us: T0 + 5000,
        precision_bits: 14,
      });
    });

    it('folds several upserts of one node in a batch, later defined fields winning', async () => {
      const { handle, store } = await setup();
      const node = 0x1234;
      const id = userId(node);
      const outcome = await store.writeBatch([
        report({
          id: 1,
          nodes: [{ id, node_id: node, long_name: 'old', short_name: 'O', seen_us: T0 + 10 }],
        }),
        report({
          id: 1,
          gateway: 0xa001,
          nodes: [{ id, node_id: node, long_name: 'new', seen_us: T0 + 5 }],
        }),
      ]);
      expect(outcome.nodes).toBe(1);
      const row = await handle.db
        .selectFrom('node')
        .select(['long_name', 'short_name', 'first_seen_us', 'last_seen_us'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        long_name: 'new',
        short_name: 'O',
        first_seen_us: T0 + 5,
        last_seen_us: T0 + 10,
      });
    });

    it('updates the row that holds a node number under another id instead of failing', async () => {
      const { handle, store } = await setup();
      const node = 0xa1b2c3d4;
      await handle.db
        .insertInto('node')
        .values({ id: '!A1B2C3D4', node_id: node, long_name: 'MeshView row', first_seen_us: T0 })
        .execute();
      const outcome = await store.writeBatch([
        report({
          id: 5,
          nodes: [{ id: userId(node), node_id: node, short_name: 'MV', seen_us: T0 + 1 }],
        }),
      ]);
      expect(outcome).toMatchObject({ stored: 1, nodes: 1, nodeConflicts: [] });
      const rows = await handle.db.selectFrom('node').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        id: '!A1B2C3D4',
        node_id: node,
        long_name: 'MeshView row',
        short_name: 'MV',
        first_seen_us: T0,
        last_seen_us: T0 + 1,
      });
    });

    it('sets is_mqtt_gateway on a gateway whose node row comes later, also after a restart', async () => {
      const { handle, db, store } = await setup();
      const [early, late, restarted, plain] = [0xa001, 0xa002, 0xa003, 0x5555];
      await db
        .insertInto('node')
        .values({ id: userId(early), node_id: early })
        .execute();
      await store.writeBatch([
        report({ id: 1, gateway: early }),
        report({ id: 1, gateway: late }),
        report({ id: 2, gateway: restarted }),
      ]);
      // The late gateway's node row arrives in a later batch, reported by another gateway.
      await store.writeBatch([
        report({
          id: 3,
          gateway: early,
          nodes: [{ id: userId(late), node_id: late, seen_us: T0 }],
        }),
        report({
          id: 4,
          gateway: early,
          nodes: [{ id: userId(plain), node_id: plain, seen_us: T0 }],
        }),
      ]);
      // A new store (a restarted writer) knows only the flagged rows; packet_seen tells the rest.
      const again = await PacketStore.open({ db, dialect });
      await again.writeBatch([
        report({
          id: 5,
          gateway: early,
          nodes: [{ id: userId(restarted), node_id: restarted, seen_us: T0 }],
        }),
      ]);
      const flags = await db
        .selectFrom('node')
        .select(['node_id', 'is_mqtt_gateway'])
        .orderBy('node_id')
        .execute();
      expect(flags).toEqual([
        { node_id: plain, is_mqtt_gateway: null },
        { node_id: early, is_mqtt_gateway: true },
        { node_id: late, is_mqtt_gateway: true },
        { node_id: restarted, is_mqtt_gateway: true },
      ]);
      expect(await count(handle, 'node')).toBe(4);
    });

    it('inserts a new public key and moves last_seen_us of a known one', async () => {
      const { db, store } = await setup();
      const node = 0x4242;
      const key = (public_key: string, seen_us: number) => ({ node_id: node, public_key, seen_us });
      expect(
        (await store.writeBatch([report({ id: 1, portnum: 4, publicKey: key('aa11', T0) })]))
          .publicKeys,
      ).toBe(1);
      const outcome = await store.writeBatch([
        report({ id: 2, portnum: 4, publicKey: key('aa11', T0 + 50) }),
        report({ id: 2, gateway: 0xa001, portnum: 4, publicKey: key('aa11', T0 + 60) }),
        report({ id: 3, portnum: 4, publicKey: key('bb22', T0 + 70) }),
      ]);
      expect(outcome.publicKeys).toBe(1);
      const rows = await db
        .selectFrom('node_public_key')
        .select(['node_id', 'public_key', 'first_seen_us', 'last_seen_us'])
        .orderBy('public_key')
        .execute();
      expect(rows).toEqual([
        { node_id: node, public_key: 'aa11', first_seen_us: T0, last_seen_us: T0 + 60 },
        { node_id: node, public_key: 'bb22', first_seen_us: T0 + 70, last_seen_us: T0 + 70 },
      ]);
    });

    it('writes one traceroute row per gateway report', async () => {
      const { db, store } = await setup();
      const outcome = await store.writeBatch([
        ...reportsFrom(gatewayNumbers(3), { id: 70, traceroute: { done: false } }),
        report({ id: 71, gateway: 0xa000, traceroute: { done: true } }),
      ]);
      expect(outcome).toMatchObject({ stored: 2, traceroutes: 4 });
      const rows = await db
        .selectFrom('traceroute')
        .select(['packet_id', 'gateway_node_id', 'done', 'route', 'route_return'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.packet_id, r.gateway_node_id, r.done])).toEqual([
        [70, 0xa000, false],
        [70, 0xa001, false],
        [70, 0xa002, false],
        [71, 0xa000, true],
      ]);
      expect([...rows[0]!.route!]).toEqual([10, 4, 1, 2, 3, 4]);
      expect(rows[0]!.route_return).toBeNull();
    });

    it('adds no second traceroute row when a report comes again, in the same batch or later', async () => {
      const { db, store } = await setup();
      const again = () => reportsFrom(gatewayNumbers(2), { id: 72, traceroute: { done: false } });
      const first = await store.writeBatch([...again(), ...again()]);
      expect(first).toMatchObject({ stored: 1, seen: 2, traceroutes: 2 });
      // Delivered again (QoS 1 redelivery, overlapping subscriptions), and a third gateway's.
      const later = await store.writeBatch([
        ...again(),
        report({ id: 72, gateway: 0xa002, traceroute: { done: false } }),
      ]);
      expect(later).toMatchObject({ stored: 0, seen: 1, traceroutes: 1 });
      const rows = await db
        .selectFrom('traceroute')
        .select(['packet_id', 'gateway_node_id'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.packet_id, r.gateway_node_id])).toEqual([
        [72, 0xa000],
        [72, 0xa001],
        [72, 0xa002],
      ]);
    });

    it('reports a packet id reused by another sender and keeps its receptions out', async () => {
      const { handle, store } = await setup(14 * DAY_US);
      await store.writeBatch([report({ id: 500, from: 0xaaaa })]);
      const outcome = await store.writeBatch([
        ...reportsFrom(gatewayNumbers(2, 0xb000), { id: 500, from: 0xbbbb, importUs: T0 + DAY_US }),
        report({ id: 501, from: 0xcccc }),
        report({ id: 501, from: 0xdddd, gateway: 0xb005 }),
      ]);
      expect(outcome).toMatchObject({ records: 4, stored: 1, duplicates: 3, seen: 1 });
      expect(outcome.idReuse).toEqual([
        { id: 500, from: 0xbbbb, storedFrom: 0xaaaa },
        { id: 501, from: 0xdddd, storedFrom: 0xcccc },
      ]);
      expect(await count(handle, 'packet_seen')).toBe(2);
    });

    it('does not count a reused id whose stored packet is older than the window', async () => {
      const { store } = await setup(14 * DAY_US);
      await store.writeBatch([report({ id: 600, from: 0xaaaa })]);
      const outcome = await store.writeBatch([
        report({ id: 600, from: 0xbbbb, importUs: T0 + 15 * DAY_US }),
      ]);
      expect(outcome).toMatchObject({ stored: 0, duplicates: 1, seen: 0, idReuse: [] });
    });

    it('rolls a batch with a bad row back whole, and throws', async () => {
      const { handle, store } = await setup();
      const bad = report({ id: 901 });
      const orphan = { ...bad, seen: { ...bad.seen!, packet_id: 999_999 } };
      await expect(
        store.writeBatch([
          report({ id: 900, nodes: [{ id: userId(0x77), node_id: 0x77, seen_us: T0 }] }),
          orphan,
        ]),
      ).rejects.toThrow();
      for (const table of ['packet', 'packet_seen', 'node'])
        expect(await count(handle, table)).toBe(0);
      // The store still works afterwards.
      expect(await store.writeBatch([report({ id: 900 })])).toMatchObject({ stored: 1, seen: 1 });
    });

    it('writes batches larger than one statement holds', async () => {
      const { handle, store } = await setup();
      const records = Array.from({ length: 1200 }, (_, i) =>
        report({
          id: 10_000 + Math.floor(i / 2),
          gateway: 0xa000 + (i % 2),
          traceroute: { done: true },
        }),
      );
      expect(await store.writeBatch(records)).toMatchObject({
        stored: 600,
        seen: 1200,
        traceroutes: 1200,
      });
      expect(await count(handle, 'packet_seen')).toBe(1200);
    });
  });
}

describe.skipIf(pgSkipReason)(
  `PacketStore on postgres tells the readers${pgSkipReason ? ` (${pgSkipReason})` : ''}`,
  () => {
    const fresh = migratedDatabases();

    it('sends NOTIFY meshview_packets with each commit that stored packets, and only then', async () => {
      const handle = await fresh('postgres', 'packet_store_notify');
      let notifications = 0;
      const wakers: (() => void)[] = [];
      const listener = new PostgresListener({
        target: handle.target as PostgresTarget,
        channel: NEW_PACKETS_CHANNEL,
        onNotification: () => {
          notifications += 1;
          for (const wake of wakers.splice(0)) wake();
        },
      });
      expect(await listener.start()).toBe(true);
      const notified = async (count: number): Promise<void> => {
        while (notifications < count) await new Promise<void>((wake) => wakers.push(wake));
      };
      try {
        const store = await PacketStore.open({ db: handle.db, dialect: 'postgres' });
        await store.writeBatch([report({ id: 1 }), report({ id: 2 })]);
        await notified(1);
        // Only reports of a stored packet: nothing new, no notification.
        await store.writeBatch([report({ id: 2, gateway: 0xb000 })]);
        await store.writeBatch([report({ id: 3 })]);
        await notified(2);
        // Notifications arrive in commit order: the duplicate batch's would have come before.
        expect(notifications).toBe(2);
      } finally {
        await listener.stop();
      }
    });
  },
);
