/**
 * The simulated mesh's record is what the pages may compute their expectations from: stored
 * through the writer's real pipeline (with the secondary key, as the demo's writer is
 * configured), the reader's API must show exactly what the record says was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROADCAST,
  SIM_SECONDARY_KEY_BASE64,
  simulateMesh,
  type SimNode,
  type SimPacket,
  type SimulatedMesh,
} from '@meshview/sim';
import { DIALECTS } from '#test/databases.js';
import { storeTraffic } from '#test/store-traffic.js';
import { injectJson } from '../apps/reader/test/support/inject-json.js';
import { buildReader, type ReaderUnderTest } from '../apps/reader/test/support/reader-app.js';

interface ApiNode {
  readonly node_id: number;
  readonly id: string;
  readonly long_name: string;
  readonly short_name: string;
  readonly hw_model: string;
  readonly role: string;
  readonly channel: string;
  readonly last_lat: number | null;
  readonly last_long: number | null;
  readonly is_mqtt_gateway: boolean | null;
  readonly precision_bits: number | null;
}
interface ApiPacket {
  readonly id: number;
  readonly from_node_id: number;
  readonly to_node_id: number;
  readonly portnum: number;
  readonly channel: string;
  readonly payload: string;
  readonly reply_id?: number;
  readonly decoded: unknown;
}
interface ApiSeen {
  readonly node_id: number;
  readonly rx_time: number;
  readonly hop_limit: number;
  readonly hop_start: number;
  readonly channel: string;
  readonly rx_snr: number;
  readonly rx_rssi: number;
  readonly topic: string;
  readonly import_time_us: number;
}
interface ApiTraceroute {
  readonly traceroute_packets: readonly {
    gateway_node_id: number;
    done: boolean;
    forward_hops: number[];
    reverse_hops: number[];
  }[];
}

// Twelve hours of a 40-node mesh: every kind of packet, quick to store on both databases.
const mesh: SimulatedMesh = simulateMesh({ seed: 7, nowUs: Date.now() * 1000, hours: 12 });
const { record } = mesh;
const byNum = new Map(record.nodes.map((n) => [n.num, n]));
const heardFrom = (node: SimNode, kind: SimPacket['content']['kind']): SimPacket[] =>
  record.packets.filter((p) => p.from === node.num && p.decodable && p.content.kind === kind);

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`the simulated mesh through the writer, read back on ${dialect}`, () => {
    let reader: ReaderUnderTest;
    beforeAll(async () => {
      reader = await buildReader(dialect, {
        name: 'simulated_mesh',
        seed: (writer) =>
          storeTraffic(writer.db, writer.dialect, mesh, {
            secondaryKeys: [SIM_SECONDARY_KEY_BASE64],
            batchSize: 1000,
          }),
      });
    }, 240_000);
    afterAll(async () => {
      await reader?.close();
    });
    const get = async <T>(url: string): Promise<T> => {
      const { status, body } = await injectJson<T>(reader.app, url);
      expect(status, url).toBe(200);
      return body;
    };

    it('lists the nodes whose node info a gateway heard, as the record names them', async () => {
      const { nodes } = await get<{ nodes: ApiNode[] }>('/api/nodes');
      const expected = record.nodes.filter((n) => heardFrom(n, 'nodeinfo').length > 0);
      expect(expected.length).toBeGreaterThan(25);
      // Private nodes are never decoded: no row.
      expect(expected.every((n) => n.keyKind !== 'unknown')).toBe(true);
      expect(nodes.map((n) => n.node_id).sort()).toEqual(expected.map((n) => n.num).sort());
      for (const node of expected) {
        const got = nodes.find((n) => n.node_id === node.num)!;
        const last = node.positions.at(-1);
        expect(got, node.id).toEqual({
          ...got,
          id: node.id,
          long_name: node.longName,
          short_name: node.shortName,
          hw_model: node.hwModel,
          role: node.role,
          channel: node.channel,
          last_lat: last?.latitudeI ?? null,
          last_long: last?.longitudeI ?? null,
          precision_bits: last?.precisionBits ?? null,
        });
        expect(got.is_mqtt_gateway === true, node.id).toBe(node.isGateway);
      }
      // The record blurs some nodes' positions: their reduced precision is stored and served.
      expect(nodes.filter((n) => n.precision_bits !== null && n.precision_bits < 32).length).toBe(
        expected.filter((n) => (n.positions.at(-1)?.precisionBits ?? 32) < 32).length,
      );
      expect(nodes.some((n) => n.precision_bits !== null && n.precision_bits < 32)).toBe(true);
    });

    it('has as many packets of each port as the record says gateways heard', async () => {
      const expected = new Map<number, number>();
      for (const p of record.packets) {
        const port = p.decodable ? p.portnum : 0;
        expected.set(port, (expected.get(port) ?? 0) + 1);
      }
      expect([...expected.keys()].sort((a, b) => a - b)).toEqual([0, 1, 3, 4, 67, 70, 71]);
      for (const [portnum, count] of expected) {
        const { data } = await get<{ data: { count: number }[] }>(
          `/api/stats?period_type=day&length=3&portnum=${portnum}`,
        );
        expect(
          data.reduce((sum, b) => sum + b.count, 0),
          `port ${portnum}`,
        ).toBe(count);
      }
    });

    it('shows every text with its reply, channel and sender; direct ones redacted', async () => {
      const { packets } = await get<{ packets: ApiPacket[] }>('/api/packets?portnum=1&limit=1000');
      const texts = record.packets.filter((p) => p.decodable && p.content.kind === 'text');
      expect(texts.some((p) => p.replyId !== 0)).toBe(true);
      expect(texts.some((p) => p.keyKind === 'secondary')).toBe(true);
      expect(packets.map((p) => p.id).sort()).toEqual(texts.map((p) => p.id).sort());
      for (const sent of texts) {
        const got = packets.find((p) => p.id === sent.id)!;
        const text = (sent.content as { text: string }).text;
        expect(got.from_node_id).toBe(sent.from);
        expect(got.to_node_id).toBe(sent.to);
        expect(got.channel).toBe(sent.channel);
        expect(got.payload).toBe(sent.to === BROADCAST ? text : '<redacted>');
        expect(got.reply_id ?? 0).toBe(sent.replyId);
      }
    });

    it("follows each node's positions", async () => {
      // Of the nodes that send full-precision positions (a blurred one's moves stay in one cell),
      // the one that moved most: tracks follow the clock, so a node may rest through the window.
      const latitudes = (n: SimNode) => new Set(n.positions.map((p) => p.latitudeI)).size;
      const mover = record.nodes
        .filter(
          (n) =>
            n.mobility !== 'fixed' &&
            n.keyKind === 'default' &&
            n.positions.length > 10 &&
            n.positions.every((p) => p.precisionBits === 32),
        )
        .sort((a, b) => latitudes(b) - latitudes(a))[0]!;
      const { packets } = await get<{ packets: ApiPacket[] }>(
        `/api/packets?from_node_id=${mover.num}&portnum=3&limit=1000`,
      );
      const got = packets
        .map((p) => p.decoded as { latitudeI: number; longitudeI: number })
        .map((d) => [d.latitudeI, d.longitudeI])
        .reverse();
      expect(got).toEqual(mover.positions.map((p) => [p.latitudeI, p.longitudeI]));
      expect(new Set(got.map(([lat]) => lat)).size).toBeGreaterThan(3);
    });

    it('gives every traceroute report its route and route back', async () => {
      const traceroutes = record.packets.filter(
        (p) => p.decodable && p.content.kind === 'traceroute',
      );
      expect(traceroutes.some((p) => !p.wantResponse)).toBe(true);
      for (const sent of traceroutes) {
        const body = await get<ApiTraceroute>(`/api/traceroute/${sent.id}`);
        const c = sent.content as Extract<SimPacket['content'], { kind: 'traceroute' }>;
        expect(body.traceroute_packets.map((t) => t.gateway_node_id).sort()).toEqual(
          sent.receptions.map((r) => r.gateway).sort(),
        );
        for (const t of body.traceroute_packets) {
          expect(t).toMatchObject({
            done: !sent.wantResponse,
            forward_hops: c.route,
            reverse_hops: c.routeBack,
          });
        }
      }
    });

    it("lists each packet's receptions with the gateway's SNR, RSSI, hops and time", async () => {
      // Every 25th packet: all kinds and channels, sealed ones too.
      const sample = record.packets.filter((_, i) => i % 25 === 0);
      expect(sample.some((p) => !p.decodable)).toBe(true);
      for (const sent of sample) {
        const { seen } = await get<{ seen: ApiSeen[] }>(`/api/packets_seen/${sent.id}`);
        const key = (s: { node_id: number }) => s.node_id;
        expect(
          [...seen].sort((a, b) => key(a) - key(b)),
          String(sent.id),
        ).toEqual(
          sent.receptions
            .map((r) => ({
              node_id: r.gateway,
              rx_time: r.rxTime,
              hop_limit: r.hopLimit,
              hop_start: r.hopStart,
              channel: sent.channel,
              rx_snr: r.rxSnr,
              rx_rssi: r.rxRssi,
              topic: r.topic,
              import_time_us: r.importUs,
            }))
            .map((row) => ({ ...seen.find((s) => s.node_id === row.node_id), ...row }))
            .sort((a, b) => key(a) - key(b)),
        );
      }
    });

    it('warns about the node announced with two public keys', async () => {
      const twice = record.nodes.filter((n) => n.publicKeys.length === 2);
      expect(twice).toHaveLength(1);
      const body = await get<{ public_keys: string[]; potential_impersonation: boolean }>(
        `/api/node/${twice[0]!.num}/impersonation-check`,
      );
      expect(body.potential_impersonation).toBe(true);
      expect([...body.public_keys].sort()).toEqual([...twice[0]!.publicKeys].sort());
      expect(byNum.get(twice[0]!.num)!.keyKind).toBe('default');
    });
  });
}
