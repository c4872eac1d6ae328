import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_US, type DatabaseConnection } from '@meshview/db';
import type { NodeReceptionsResponse } from '@meshview/api';
import { DIALECTS } from '#test/databases.js';
import { injectJson } from '../support/inject-json.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';

const NODE = 0x1111;
const OTHER = 0x2222;
/** Known gateways; 0x9999 reports too but has no node row. */
const GW_A = 0xa001;
const GW_B = 0xa002;
const GW_UNKNOWN = 0x9999;
const HOUR = 3_600_000_000;

/** One reception: gateway, hop_start, hop_limit, SNR, RSSI. */
type Seen = readonly [number, number | null, number | null, number | null, number | null];

/**
 * The node's packets (id, hours ago, receptions). GW_A hears most directly; GW_B relayed, once
 * directly; the unknown gateway with hop fields missing or old firmware's hop_start 0.
 */
function packets(nowUs: number) {
  const at = (hoursAgo: number) => nowUs - hoursAgo * HOUR;
  return [
    {
      id: 101,
      time: at(50),
      seen: [
        [GW_A, 3, 3, 6, -80],
        [GW_B, 3, 1, 2, -100],
      ] as Seen[],
    },
    {
      id: 102,
      time: at(40),
      seen: [
        [GW_A, 3, 3, 8, -90],
        [GW_UNKNOWN, null, 3, 1, -110],
      ] as Seen[],
    },
    {
      id: 103,
      time: at(30),
      seen: [
        [GW_A, 3, 2, 1, -95],
        [GW_B, 4, 4, -2, null],
      ] as Seen[],
    },
    {
      id: 104,
      time: at(20),
      seen: [
        [GW_A, 3, 3, null, -70],
        [GW_UNKNOWN, 0, 0, 3, -99],
      ] as Seen[],
    },
    { id: 105, time: at(10), seen: [] as Seen[] },
    // Older than the 7-day window.
    { id: 100, time: at(8 * 24), seen: [[GW_A, 3, 3, 10, -60]] as Seen[] },
  ];
}

async function seed(writer: DatabaseConnection, nowUs: number): Promise<void> {
  const node = (node_id: number, short: string) => ({
    id: `!${node_id.toString(16).padStart(8, '0')}`,
    node_id,
    long_name: `Node ${short}`,
    short_name: short,
    last_seen_us: nowUs,
  });
  await writer.db
    .insertInto('node')
    .values([node(NODE, 'ME'), node(GW_A, 'GWA'), node(GW_B, 'GWB')])
    .execute();
  const all = packets(nowUs);
  await writer.db
    .insertInto('packet')
    .values([
      ...all.map((p) => ({
        id: p.id,
        portnum: 3,
        from_node_id: NODE,
        to_node_id: 0xffffffff,
        payload: new Uint8Array(0),
        import_time_us: p.time,
        channel: 'LongFast',
      })),
      // Another node's packet, heard directly by GW_A: not ours.
      {
        id: 200,
        portnum: 3,
        from_node_id: OTHER,
        to_node_id: NODE,
        payload: new Uint8Array(0),
        import_time_us: nowUs - HOUR,
        channel: 'LongFast',
      },
    ])
    .execute();
  const seen = [
    ...all.flatMap((p) => p.seen.map((s, i) => ({ p, s, i }))),
    { p: { id: 200, time: nowUs - HOUR }, s: [GW_A, 3, 3, 9, -50] as Seen, i: 0 },
  ];
  await writer.db
    .insertInto('packet_seen')
    .values(
      seen.map(({ p, s, i }) => ({
        packet_id: p.id,
        node_id: s[0],
        rx_time: Math.floor(p.time / 1e6),
        hop_start: s[1],
        hop_limit: s[2],
        channel: 'LongFast',
        rx_snr: s[3],
        rx_rssi: s[4],
        topic: 'msh/test',
        import_time_us: p.time + i + 1,
      })),
    )
    .execute();
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `/api/node/{id}/receptions on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let reader: ReaderUnderTest;
      let nowUs: number;
      beforeAll(async () => {
        nowUs = Date.now() * 1000;
        reader = await buildReader(dialect, {
          name: 'node_receptions',
          seed: (writer) => seed(writer, nowUs),
        });
      });
      afterAll(async () => {
        await reader?.close();
      });
      const get = <T = NodeReceptionsResponse>(url: string) => injectJson<T>(reader.app, url);
      const time = (id: number) => packets(nowUs).find((p) => p.id === id)!.time;

      it('tallies each gateway over the window and lists the direct receptions oldest first', async () => {
        const { status, body } = await get(`/api/node/${NODE}/receptions`);
        expect(status).toBe(200);
        expect(body.node_id).toBe(NODE);
        expect(body.packets).toBe(5);
        expect(Math.abs(body.since_us - (nowUs - 7 * DAY_US))).toBeLessThan(60_000_000);
        expect(body.gateways).toEqual([
          {
            gateway_node_id: GW_A,
            long_name: 'Node GWA',
            short_name: 'GWA',
            receptions: 4,
            direct: 3,
            min_hops: 0,
            // SNR over the direct receptions that have one (6, 8); RSSI over all three.
            avg_snr: 7,
            avg_rssi: -80,
            last_seen_us: time(104) + 1,
          },
          {
            gateway_node_id: GW_B,
            long_name: 'Node GWB',
            short_name: 'GWB',
            receptions: 2,
            direct: 1,
            min_hops: 0,
            avg_snr: -2,
            avg_rssi: null,
            last_seen_us: time(103) + 2,
          },
          {
            // Hop fields missing or hop_start 0 (old firmware): received, hops unknown.
            gateway_node_id: GW_UNKNOWN,
            long_name: null,
            short_name: null,
            receptions: 2,
            direct: 0,
            min_hops: null,
            avg_snr: null,
            avg_rssi: null,
            last_seen_us: time(104) + 2,
          },
        ]);
        expect(body.direct).toEqual([
          {
            gateway_node_id: GW_A,
            packet_id: 101,
            import_time_us: time(101) + 1,
            rx_snr: 6,
            rx_rssi: -80,
          },
          {
            gateway_node_id: GW_A,
            packet_id: 102,
            import_time_us: time(102) + 1,
            rx_snr: 8,
            rx_rssi: -90,
          },
          {
            gateway_node_id: GW_B,
            packet_id: 103,
            import_time_us: time(103) + 2,
            rx_snr: -2,
            rx_rssi: null,
          },
          {
            gateway_node_id: GW_A,
            packet_id: 104,
            import_time_us: time(104) + 1,
            rx_snr: null,
            rx_rssi: -70,
          },
        ]);
      });

      it('reads only the newest `limit` packets and the `days` window', async () => {
        const newest = (await get(`/api/node/${NODE}/receptions?limit=2`)).body;
        expect(newest.packets).toBe(2);
        // Packets 105 (no receptions) and 104.
        expect(newest.direct.map((d) => d.packet_id)).toEqual([104]);
        expect(newest.gateways.map((g) => [g.gateway_node_id, g.receptions])).toEqual([
          [GW_A, 1],
          [GW_UNKNOWN, 1],
        ]);
        const day = (await get(`/api/node/${NODE}/receptions?days=1`)).body;
        expect(day.packets).toBe(2);
        const month = (await get(`/api/node/${NODE}/receptions?days=30`)).body;
        expect(month.packets).toBe(6);
        expect(month.gateways[0]).toMatchObject({
          gateway_node_id: GW_A,
          receptions: 5,
          direct: 4,
        });
        // limit is clamped; days is refused out of range.
        expect((await get(`/api/node/${NODE}/receptions?limit=0`)).body.packets).toBe(1);
        expect((await get(`/api/node/${NODE}/receptions?limit=99999`)).body.packets).toBe(5);
        for (const bad of ['days=0', 'days=31', 'days=x', 'limit=many']) {
          const { status, body } = await get(`/api/node/${NODE}/receptions?${bad}`);
          expect(status, bad).toBe(400);
          expect(body, bad).toMatchObject({ parameter: bad.split('=')[0] });
        }
      });

      it('answers a known node without packets with empty lists, an unknown one 404', async () => {
        const gateway = await get(`/api/node/${GW_B}/receptions`);
        expect(gateway.status).toBe(200);
        expect(gateway.body).toMatchObject({ node_id: GW_B, packets: 0, gateways: [], direct: [] });
        // No node row, but packets: known to the mesh.
        const other = await get(`/api/node/0x${OTHER.toString(16)}/receptions`);
        expect(other.status).toBe(200);
        expect(other.body.gateways).toEqual([
          expect.objectContaining({ gateway_node_id: GW_A, receptions: 1, direct: 1 }),
        ]);
        const unknown = await get(`/api/node/${0x7777}/receptions`);
        expect(unknown.status).toBe(404);
        expect(unknown.body).toMatchObject({ parameter: 'node_id' });
        expect((await get('/api/node/nobody/receptions')).status).toBe(400);
      });
    },
  );
}
