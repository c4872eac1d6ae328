import { create, toBinary } from '@bufbuild/protobuf';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '@meshview/db';
import { Mesh } from '@meshview/mesh';
import type { Kysely } from 'kysely';
import { DIALECTS } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';
import { scanPackets } from '../../src/queries/packet-scan.js';
import { packetListQuery } from '../../src/queries/packet.queries.js';
import { PayloadCache } from '../../src/payload/payload-cache.js';

const ROWS = 900;
const T0 = 1_780_000_000_000_000;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`scanPackets on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();

    it('pages newest first through rows sharing a time, each row once, and stops at its bound', async () => {
      const handle = await fresh(dialect, 'packet_scan');
      const db = handle.db as Kysely<Database>;
      // Three packets per microsecond, so page ends fall inside groups of equal times.
      const rows = Array.from({ length: ROWS }, (_, i) => ({
        id: i + 1,
        portnum: 1,
        from_node_id: 7,
        to_node_id: 0xffffffff,
        payload: null,
        import_time_us: T0 + Math.floor(i / 3),
        channel: 'LongFast',
      }));
      for (let i = 0; i < ROWS; i += 300) {
        await db
          .insertInto('packet')
          .values(rows.slice(i, i + 300))
          .execute();
      }
      const newestFirst = [...rows].sort((a, b) => b.import_time_us - a.import_time_us || 0);
      const kept = (r: { id: number }) => r.id % 7 === 0;

      const found = await scanPackets(db, { portnum: 1 }, 100, kept);
      const ids = found.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(100);
      expect(
        found.every((r, i) => i === 0 || found[i - 1]!.import_time_us! >= r.import_time_us!),
      ).toBe(true);
      const expected = newestFirst.filter(kept).slice(0, 100);
      // Within one microsecond the order is the database's; compare as sets per time.
      expect(new Set(ids)).toEqual(new Set(expected.map((r) => r.id)));

      // Everything kept: all 900 rows once each, over several pages.
      const all = await scanPackets(db, {}, 1000, () => true);
      expect(new Set(all.map((r) => r.id)).size).toBe(ROWS);

      // A bound of 210 rows read finds only the kept ones among the newest 210.
      const bounded = await scanPackets(db, {}, 1000, kept, 210);
      expect(bounded).toHaveLength(newestFirst.slice(0, 210).filter(kept).length);
      await sql`DELETE FROM packet`.execute(db);
    });
  });
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`a node's packets on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();

    it('are the newest sent or received, each once, with time bounds and a cursor', async () => {
      const handle = await fresh(dialect, 'node_packets');
      const db = handle.db as Kysely<Database>;
      // Four nodes sending to each other, to themselves and to everybody, at distinct times.
      const nodes = [11, 12, 13, 14];
      const rows = Array.from({ length: 400 }, (_, i) => ({
        id: 1000 + i,
        portnum: i % 5,
        from_node_id: nodes[i % 4]!,
        to_node_id: i % 3 === 0 ? 0xffffffff : nodes[(i * 7) % 4]!,
        payload: null,
        import_time_us: T0 + ((i * 37) % 400) * 10,
        channel: 'LongFast',
      }));
      await db.insertInto('packet').values(rows).execute();
      const expected = (node: number, limit: number, keep: (t: number) => boolean) =>
        rows
          .filter(
            (r) => (r.from_node_id === node || r.to_node_id === node) && keep(r.import_time_us),
          )
          .sort((a, b) => b.import_time_us - a.import_time_us)
          .slice(0, limit)
          .map((r) => r.id);
      const ids = async (...args: Parameters<typeof packetListQuery>) =>
        (await packetListQuery(...args).execute()).map((r) => r.id);
      const mid = T0 + 2000;
      for (const node of nodes) {
        for (const limit of [1, 7, 50, 1000]) {
          expect(await ids(db, { nodeId: node }, limit)).toEqual(expected(node, limit, () => true));
          expect(await ids(db, { nodeId: node, since: mid }, limit)).toEqual(
            expected(node, limit, (t) => t > mid),
          );
          expect(await ids(db, { nodeId: node, before: mid }, limit)).toEqual(
            expected(node, limit, (t) => t < mid),
          );
          expect(await ids(db, { nodeId: node }, limit, { untilUs: mid, overlap: 0 })).toEqual(
            expected(node, limit, (t) => t <= mid),
          );
        }
        // With a port, the general query: the same answer.
        expect(await ids(db, { nodeId: node, portnum: 2 }, 20)).toEqual(
          rows
            .filter((r) => (r.from_node_id === node || r.to_node_id === node) && r.portnum === 2)
            .sort((a, b) => b.import_time_us - a.import_time_us)
            .slice(0, 20)
            .map((r) => r.id),
        );
      }
      await sql`DELETE FROM packet`.execute(db);
    });
  });
}

describe('PayloadCache', () => {
  it('renders a packet once, again when its id comes back with another time, and forgets the oldest', () => {
    // Room for two such entries.
    const cache = new PayloadCache(2 * 140);
    const payload = toBinary(
      Mesh.MeshPacketSchema,
      create(Mesh.MeshPacketSchema, {
        payloadVariant: { case: 'decoded', value: { portnum: 3, payload: new Uint8Array() } },
      }),
    );
    const packet = (id: number, t: number) => ({ id, import_time_us: t, to_node_id: 1, payload });
    const first = cache.render(packet(1, 10));
    expect(cache.decodes).toBe(1);
    const again = cache.render(packet(1, 10));
    expect(cache.decodes).toBe(1);
    expect(again).toEqual(first);
    // A fresh copy of the decoded data each time: a caller that changes it changes no other.
    expect(again.decoded).not.toBe(first.decoded);
    cache.render(packet(1, 11));
    expect(cache.decodes).toBe(2);
    cache.render(packet(2, 10));
    cache.render(packet(3, 10));
    expect(cache.size).toBe(2);
    cache.render(packet(1, 11));
    expect(cache.decodes).toBe(5);
    expect(first).toEqual({ text: '', decoded: {}, replyId: null, wantResponse: false });
  });
});
