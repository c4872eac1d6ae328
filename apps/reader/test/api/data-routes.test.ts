import { fromBinary } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_US } from '@meshview/db';
import { Admin } from '@meshview/mesh';
import { DIALECTS } from '#test/databases.js';
import { meshTraffic, TRAFFIC_NODES as N, type TrafficManifest } from '@meshview/sim';
import { storeTraffic } from '#test/store-traffic.js';
import { injectJson } from '../support/inject-json.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';
import { anyNumber, stringContaining } from '../support/typed-matchers.js';

const hex = (n: number) => `0x${n.toString(16)}`;

// The fields of the answers this test reads one by one; whole answers are compared as they are.
interface NodesBody {
  readonly nodes: readonly { id: string; short_name: string; is_mqtt_gateway: boolean | null }[];
}
interface PacketsBody {
  readonly packets: readonly {
    id: number;
    import_time_us: number;
    from_node_id: number;
    payload: string;
  }[];
  readonly latest_import_time: number;
}
interface SeenBody {
  readonly seen: readonly { node_id: number }[];
}
interface EdgesBody {
  readonly edges: readonly { from: number; to: number; type: string }[];
}
interface QrBody {
  readonly meshtastic_url: string;
}
interface ImpersonationBody {
  readonly public_keys: readonly string[];
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`MeshView's data routes on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    let reader: ReaderUnderTest;
    let traffic: TrafficManifest;
    beforeAll(async () => {
      traffic = meshTraffic(Date.now() * 1000);
      reader = await buildReader(dialect, {
        name: 'data_routes',
        seed: (writer) => storeTraffic(writer.db, writer.dialect, traffic),
      });
    });
    afterAll(async () => {
      await reader?.close();
    });

    const get = <T = unknown>(url: string) => injectJson<T>(reader.app, url);
    const ids = (body: PacketsBody) => body.packets.map((p) => p.id);
    const expectBad = async (url: string, parameter: string) => {
      const { status, body } = await get(url);
      expect(status, url).toBe(400);
      expect(body, url).toMatchObject({ error: 'invalid parameter', parameter });
    };

    describe('/api/nodes', () => {
      it('lists every seen node by short name, with MeshView fields and numbers', async () => {
        const { status, body } = await get<NodesBody>('/api/nodes');
        expect(status).toBe(200);
        expect(body.nodes.map((n) => n.short_name)).toEqual([
          'ALB',
          'BOB',
          'CAR',
          'DAV',
          'GW1',
          'GW2',
        ]);
        const dave = body.nodes.find((n) => n.id === N.dave.id);
        expect(dave).toEqual({
          id: N.dave.id,
          node_id: N.dave.num,
          long_name: 'Dave Relay',
          short_name: 'DAV',
          hw_model: 'unknown(999)',
          firmware: '2.7.15.abcdef0',
          role: 'ROUTER',
          last_lat: 377_900_000,
          last_long: -1_223_900_000,
          channel: 'MediumFast',
          is_mqtt_gateway: true,
          first_seen_us: anyNumber,
          last_seen_us: anyNumber,
          // A map report that gives no precision: full.
          precision_bits: 32,
        });
        const alice = body.nodes.find((n) => n.id === N.alice.id);
        expect(alice?.is_mqtt_gateway).toBe(null);
      });

      it('filters by role (any case), channel, hw_model, node_id (int(x, 0)) and days_active', async () => {
        const names = async (qs: string) =>
          (await get<NodesBody>(`/api/nodes?${qs}`)).body.nodes.map((n) => n.short_name);
        expect(await names('role=router')).toEqual(['DAV', 'GW1']);
        expect(await names('channel=MediumFast')).toEqual(['CAR', 'DAV']);
        expect(await names('hw_model=RAK4631')).toEqual(['ALB', 'CAR', 'GW1']);
        expect(await names(`node_id=${hex(N.alice.num)}`)).toEqual(['ALB']);
        expect(await names(`node_id=${N.bob.num}`)).toEqual(['BOB']);
        // Positions and the map report keep Alice, Carol and Dave seen within the day.
        expect(await names('days_active=1')).toEqual(['ALB', 'CAR', 'DAV']);
        expect(await names('days_active=3')).toHaveLength(6);
        expect(await names('node_id=1')).toEqual([]);
        // Together, every filter holds.
        expect(await names('role=ROUTER&channel=MediumFast&days_active=1')).toEqual(['DAV']);
        expect(await names(`node_id=${N.bob.num}&days_active=1`)).toEqual([]);
        expect(await names(`node_id=${N.dave.num}&role=router`)).toEqual(['DAV']);
      });

      it('refuses malformed parameters with 400 naming them', async () => {
        await expectBad('/api/nodes?node_id=alice', 'node_id');
        await expectBad('/api/nodes?days_active=three', 'days_active');
        await expectBad('/api/nodes?days_active=-1', 'days_active');
      });
    });

    describe('/api/packets', () => {
      it('gives the newest 50 by default, newest first, and latest_import_time', async () => {
        const { status, body } = await get<PacketsBody>('/api/packets');
        expect(status).toBe(200);
        expect(body.packets).toHaveLength(traffic.seenCount.size);
        const times = body.packets.map((p) => p.import_time_us);
        expect(times).toEqual([...times].sort((a, b) => b - a));
        expect(body.latest_import_time).toBe(times[0]);
        expect(ids(body)[0]).toBe(traffic.ids.undecryptable);
      });

      it('clamps limit to 1..1000 and refuses a malformed one', async () => {
        expect((await get<PacketsBody>('/api/packets?limit=2')).body.packets).toHaveLength(2);
        expect((await get<PacketsBody>('/api/packets?limit=0')).body.packets).toHaveLength(1);
        expect((await get<PacketsBody>('/api/packets?limit=5000')).body.packets).toHaveLength(
          traffic.seenCount.size,
        );
        await expectBad('/api/packets?limit=ten', 'limit');
        await expectBad('/api/packets?limit=1.5', 'limit');
      });

      it('renders each port as MeshView does, with reply_id and the decoded message', async () => {
        const { body } = await get<PacketsBody>('/api/packets?limit=1000');
        const byId = new Map(body.packets.map((p) => [p.id, p]));
        expect(byId.get(traffic.ids.broadcastText)).toEqual({
          id: traffic.ids.broadcastText,
          import_time_us: anyNumber,
          channel: 'LongFast',
          from_node_id: N.alice.num,
          to_node_id: 0xffffffff,
          portnum: 1,
          long_name: 'Alice Base',
          to_long_name: null,
          payload: 'Hello mesh, net check-in #weeklynet',
          decoded: 'Hello mesh, net check-in #weeklynet',
        });
        expect(byId.get(traffic.ids.reply)).toMatchObject({
          payload: 'Copy that, Alice',
          reply_id: traffic.ids.broadcastText,
        });
        expect(byId.get(traffic.ids.directText)).toMatchObject({
          payload: '<redacted>',
          decoded: null,
          to_long_name: 'Bob Mobile',
        });
        expect(byId.get(traffic.ids.position)).toMatchObject({
          payload:
            'latitude_i: 377749000\nlongitude_i: -1224194000\naltitude: 52\ntime: 1760000000\n',
          decoded: {
            latitudeI: 377749000,
            longitudeI: -1224194000,
            altitude: 52,
            time: 1760000000,
          },
        });
        expect(byId.get(traffic.ids.telemetry)).toMatchObject({
          payload:
            'time: 1760000100\ndevice_metrics {\n  battery_level: 87\n  voltage: 4.05\n' +
            '  channel_utilization: 12.5\n  air_util_tx: 1.25\n}\n',
          decoded: {
            time: 1760000100,
            deviceMetrics: { batteryLevel: 87, voltage: 4.05, channelUtilization: 12.5 },
          },
        });
        expect(byId.get(traffic.ids.routing)).toMatchObject({
          payload: 'error_reason: NONE\n',
          decoded: { errorReason: 'NONE' },
        });
        for (const id of [traffic.ids.pki, traffic.ids.undecryptable]) {
          expect(byId.get(id)).toMatchObject({
            portnum: 0,
            payload: 'Did not decode',
            decoded: null,
          });
        }
        expect(byId.get(traffic.ids.traceroute)?.payload).toBe(
          `route: ${N.gw1.num}\nroute: ${N.gw2.num}\nsnr_towards: 24\nsnr_towards: 16\n` +
            `snr_towards: 8\nroute_back: ${N.gw2.num}\nsnr_back: 20\nsnr_back: 12\n`,
        );
      });

      it('chat: portnum=1 leaves out "seq N" messages, then polls with since', async () => {
        const first = (await get<PacketsBody>('/api/packets?portnum=1&limit=100')).body;
        expect(ids(first)).toEqual([
          traffic.ids.mediumText,
          traffic.ids.directText,
          traffic.ids.reply,
          traffic.ids.broadcastText,
          traffic.ids.oldText,
        ]);
        const poll = await get(
          `/api/packets?portnum=1&limit=100&since=${first.latest_import_time}`,
        );
        expect(poll.body).toEqual({ packets: [], latest_import_time: first.latest_import_time });
        const older = await get<PacketsBody>(
          `/api/packets?portnum=1&since=${first.packets[2]!.import_time_us}`,
        );
        expect(ids(older.body)).toEqual([traffic.ids.mediumText, traffic.ids.directText]);
      });

      it('contains: case-insensitive, on the payload as shown (text format for other ports)', async () => {
        const weekAgo = traffic.nowUs - 6 * DAY_US;
        const net = await get<PacketsBody>(
          `/api/packets?portnum=1&contains=%23WeeklyNet&since=${weekAgo}&limit=1000`,
        );
        expect(ids(net.body)).toEqual([traffic.ids.broadcastText]);
        expect(ids((await get<PacketsBody>('/api/packets?contains=DEVICE_METRICS')).body)).toEqual([
          traffic.ids.telemetry,
        ]);
        // A direct message's text is never searchable.
        expect(ids((await get<PacketsBody>('/api/packets?contains=noon')).body)).toEqual([]);
      });

      it('filters by sender, receiver, either (int(x, 0) ids), port, channel and packet_id', async () => {
        const set = async (qs: string) =>
          new Set(ids((await get<PacketsBody>(`/api/packets?${qs}`)).body));
        const T = traffic.ids;
        const nodeinfo = (await get<PacketsBody>('/api/packets?portnum=4&limit=100')).body.packets;
        const aliceInfo = nodeinfo.find((p) => p.from_node_id === N.alice.num)?.id;
        expect(await set(`from_node_id=${hex(N.alice.num)}`)).toEqual(
          new Set([aliceInfo, T.broadcastText, T.directText, T.position, T.routing]),
        );
        expect(await set(`to_node_id=${N.alice.num}`)).toEqual(new Set([T.traceroute, T.pki]));
        expect(await set(`node_id=${N.alice.num}`)).toEqual(
          new Set([
            aliceInfo,
            T.broadcastText,
            T.directText,
            T.position,
            T.routing,
            T.traceroute,
            T.pki,
          ]),
        );
        const nodePage = (
          await get<PacketsBody>(`/api/packets?node_id=${N.alice.num}&limit=1000&portnum=3`)
        ).body;
        expect(ids(nodePage)).toEqual([T.position]);
        expect(
          ids((await get<PacketsBody>(`/api/packets?node_id=${N.alice.num}&limit=2`)).body),
        ).toEqual([T.pki, T.routing]);
        expect(await set('channel=MediumFast&portnum=1')).toEqual(new Set([T.mediumText]));
        expect(await set('channel=Secret')).toEqual(new Set([T.undecryptable]));
        expect(ids((await get<PacketsBody>(`/api/packets?packet_id=${T.telemetry}`)).body)).toEqual(
          [T.telemetry],
        );
        expect((await get<PacketsBody>('/api/packets?packet_id=12345')).body.packets).toEqual([]);
      });

      it('before: the packets imported before a time, newest first, with every filter', async () => {
        const all = (await get<PacketsBody>('/api/packets?limit=1000')).body.packets;
        const byId = new Map(all.map((p) => [p.id, p]));
        const T = traffic.ids;
        // Each case: the query, and the ids it gives without `before`, newest first.
        const pages = async (qs: string) => {
          const first = ids((await get<PacketsBody>(`/api/packets?${qs}&limit=1000`)).body);
          expect(first.length, qs).toBeGreaterThan(1);
          // Older than the second newest: everything after it, in the same order.
          const cut = byId.get(first[1]!)!.import_time_us;
          const older = await get<PacketsBody>(`/api/packets?${qs}&limit=1000&before=${cut}`);
          expect(older.status, qs).toBe(200);
          // (Packets imported in the same microsecond come in either order.)
          expect(new Set(ids(older.body)), qs).toEqual(
            new Set(first.filter((id) => byId.get(id)!.import_time_us < cut)),
          );
          const times = older.body.packets.map((p) => p.import_time_us);
          expect(times, qs).toEqual([...times].sort((x, y) => y - x));
          const one = (await get<PacketsBody>(`/api/packets?${qs}&limit=1&before=${cut}`)).body;
          expect(
            one.packets.map((p) => p.import_time_us),
            qs,
          ).toEqual(times.slice(0, 1));
        };
        await pages('portnum=1');
        await pages(`node_id=${N.alice.num}`);
        await pages(`from_node_id=${hex(N.alice.num)}`);
        await pages('channel=LongFast');
        await pages(`since=${traffic.nowUs - 6 * DAY_US}`);
        await pages(`from_node_id=${N.bob.num}&portnum=1`);
        const chat = ids((await get<PacketsBody>('/api/packets?portnum=1&limit=100')).body);
        const replyTime = byId.get(T.reply)!.import_time_us;
        expect(
          ids(
            (await get<PacketsBody>(`/api/packets?contains=e&before=${replyTime}&portnum=1`)).body,
          ),
        ).toEqual(
          chat.filter(
            (id) =>
              byId.get(id)!.import_time_us < replyTime &&
              byId.get(id)!.payload.toLowerCase().includes('e'),
          ),
        );
        // With nothing older, the list is empty and latest_import_time is null.
        const oldest = Math.min(...all.map((p) => p.import_time_us));
        expect((await get(`/api/packets?before=${oldest}`)).body).toEqual({
          packets: [],
          latest_import_time: null,
        });
        await expectBad('/api/packets?before=now', 'before');
      });

      it('refuses malformed filters with 400 naming them', async () => {
        await expectBad('/api/packets?node_id=%21abc', 'node_id');
        await expectBad('/api/packets?from_node_id=x', 'from_node_id');
        await expectBad('/api/packets?to_node_id=4294967296', 'to_node_id');
        await expectBad('/api/packets?portnum=text', 'portnum');
        await expectBad('/api/packets?since=yesterday', 'since');
        await expectBad('/api/packets?packet_id=-1', 'packet_id');
        await expectBad('/api/packets?contains=a%00b', 'contains');
        await expectBad('/api/packets?channel=a&channel=b', 'channel');
      });
    });

    describe('/api/packets_seen/{id}', () => {
      it('lists every gateway report, newest first; 404 for an unknown packet', async () => {
        const { status, body } = await get<SeenBody>(`/api/packets_seen/${traffic.ids.traceroute}`);
        expect(status).toBe(200);
        expect(body.seen).toHaveLength(2);
        expect(body.seen.map((s) => s.node_id)).toEqual([N.gw2.num, N.gw1.num]);
        expect(body.seen[0]).toEqual({
          packet_id: traffic.ids.traceroute,
          node_id: N.gw2.num,
          rx_time: anyNumber,
          hop_limit: 2,
          hop_start: 3,
          channel: 'LongFast',
          rx_snr: anyNumber,
          rx_rssi: anyNumber,
          topic: stringContaining('LongFast'),
          import_time_us: anyNumber,
          long_name: 'Gateway Two',
          short_name: 'GW2',
          last_lat: null,
          last_long: null,
        });
        expect(Object.keys(body.seen[0]!)).toEqual([
          'packet_id',
          'node_id',
          'rx_time',
          'hop_limit',
          'hop_start',
          'channel',
          'rx_snr',
          'rx_rssi',
          'topic',
          'import_time_us',
          'long_name',
          'short_name',
          'last_lat',
          'last_long',
        ]);
        expect((await get('/api/packets_seen/12345')).status).toBe(404);
        await expectBad('/api/packets_seen/abc', 'packet_id');
      });
    });

    describe('/api/traceroute/{id}', () => {
      it('gives reports and paths, the return path from the traced node (MeshView #112)', async () => {
        const { status, body } = await get(`/api/traceroute/${traffic.ids.traceroute}`);
        expect(status).toBe(200);
        expect(body).toEqual({
          packet: {
            id: traffic.ids.traceroute,
            from: N.bob.num,
            to: N.alice.num,
            channel: 'LongFast',
            import_time_us: anyNumber,
          },
          // The envelope's SNRs are dB × 4 (snrTowards [24, 16, 8], snrBack [20, 12]).
          traceroute_packets: [
            {
              index: 0,
              gateway_node_id: N.gw1.num,
              done: true,
              forward_hops: [N.gw1.num, N.gw2.num],
              reverse_hops: [N.gw2.num],
              snr_towards: [6, 4, 2],
              snr_back: [5, 3],
            },
            {
              index: 1,
              gateway_node_id: N.gw2.num,
              done: true,
              forward_hops: [N.gw1.num, N.gw2.num],
              reverse_hops: [N.gw2.num],
              snr_towards: [6, 4, 2],
              snr_back: [5, 3],
            },
          ],
          unique_forward_paths: [{ path: [N.gw1.num, N.gw2.num], count: 2 }],
          unique_reverse_paths: [{ path: [N.gw2.num], count: 2 }],
          winning_paths: {
            forward: [N.alice.num, N.gw1.num, N.gw2.num, N.bob.num],
            reverse: [N.bob.num, N.gw2.num, N.alice.num],
            forward_snr: [6, 4, 2],
            reverse_snr: [5, 3],
          },
        });
        const other = await get(`/api/traceroute/${traffic.ids.position}`);
        expect(other.body).toMatchObject({
          traceroute_packets: [],
          winning_paths: { forward: null, forward_snr: null, reverse_snr: null },
        });
        expect((await get('/api/traceroute/12345')).status).toBe(404);
        await expectBad('/api/traceroute/0x10', 'packet_id');
      });
    });

    describe('/api/edges', () => {
      it('gives traceroute and neighbor links, filtered by kind and node', async () => {
        const edge = (from: number, to: number, type: string) => ({ from, to, type });
        const { body } = await get<EdgesBody>('/api/edges');
        expect(body.edges).toEqual(
          expect.arrayContaining([
            edge(N.alice.num, N.gw1.num, 'traceroute'),
            edge(N.gw1.num, N.gw2.num, 'traceroute'),
            edge(N.gw2.num, N.bob.num, 'traceroute'),
            edge(N.bob.num, N.gw2.num, 'traceroute'),
            edge(N.gw2.num, N.alice.num, 'traceroute'),
            edge(N.gw2.num, N.gw1.num, 'neighbor'),
          ]),
        );
        expect(body.edges).toHaveLength(6);
        expect((await get<EdgesBody>('/api/edges?type=neighbor')).body.edges).toEqual([
          edge(N.alice.num, N.gw1.num, 'neighbor'),
          edge(N.gw2.num, N.gw1.num, 'neighbor'),
        ]);
        const bobs = (await get<EdgesBody>(`/api/edges?node_id=${hex(N.bob.num)}`)).body.edges;
        expect(bobs).toEqual(
          expect.arrayContaining([
            edge(N.gw2.num, N.bob.num, 'traceroute'),
            edge(N.bob.num, N.gw2.num, 'traceroute'),
          ]),
        );
        expect(bobs).toHaveLength(2);
        await expectBad('/api/edges?type=mqtt', 'type');
        await expectBad('/api/edges?node_id=bob', 'node_id');
      });

      it('with hours (addition): every report of the window, kinds, report counts and SNR', async () => {
        const before = Date.now() * 1000;
        const { status, body } = await get<{
          edges: unknown[];
          since_us: number;
          truncated: boolean;
        }>('/api/edges?hours=1');
        expect(status).toBe(200);
        const link = (
          from: number,
          to: number,
          kinds: string[],
          reports: number,
          snr: number | null,
        ) => ({ from, to, type: kinds[0], kinds, reports, snr, last_us: anyNumber });
        // Bob's reply to Alice's traceroute, heard by two gateways (one packet): the way there
        // Alice → GW1 → GW2 → Bob (snr_towards 24, 16, 8 quarter-dB), back Bob → GW2 → Alice
        // (20, 12); GW1's NeighborInfo hears Alice at 7.5 dB and GW2 at -3.25 dB.
        expect(body.edges).toEqual(
          [
            link(N.alice.num, N.gw1.num, ['traceroute', 'neighbor'], 2, (6 + 7.5) / 2),
            link(N.bob.num, N.gw2.num, ['traceroute'], 1, 5),
            link(N.gw1.num, N.gw2.num, ['traceroute'], 1, 4),
            link(N.gw2.num, N.alice.num, ['traceroute'], 1, 3),
            link(N.gw2.num, N.bob.num, ['traceroute'], 1, 2),
            link(N.gw2.num, N.gw1.num, ['neighbor'], 1, -3.25),
          ].sort((a, b) => a.from - b.from || a.to - b.to),
        );
        expect(body.truncated).toBe(false);
        expect(body.since_us).toBeGreaterThanOrEqual(before - 3_600_000_000 - 1);
        expect(body.since_us).toBeLessThanOrEqual(Date.now() * 1000 - 3_600_000_000);

        const neighbors = (await get<EdgesBody>('/api/edges?hours=1&type=neighbor')).body.edges;
        expect(neighbors.map((e) => [e.from, e.to])).toEqual(
          [
            [N.alice.num, N.gw1.num],
            [N.gw2.num, N.gw1.num],
          ].sort((a, b) => a[0]! - b[0]!),
        );
        const bobs = (await get<EdgesBody>(`/api/edges?hours=1&node_id=${hex(N.bob.num)}`)).body;
        expect(bobs.edges.map((e) => [e.from, e.to])).toEqual([
          [N.bob.num, N.gw2.num],
          [N.gw2.num, N.bob.num],
        ]);
        await expectBad('/api/edges?hours=0', 'hours');
        await expectBad('/api/edges?hours=169', 'hours');
        await expectBad('/api/edges?hours=1.5', 'hours');
        await expectBad('/api/edges?hours=day', 'hours');
        // Without hours the answer keeps MeshView's shape: no field of the addition.
        const plain = (await get<{ edges: object[] }>('/api/edges')).body;
        expect(Object.keys(plain)).toEqual(['edges']);
        for (const e of plain.edges) expect(Object.keys(e)).toEqual(['from', 'to', 'type']);
      });
    });

    describe('/api/node/{id}/qr and /impersonation-check', () => {
      it('gives a contact link that decodes to the node', async () => {
        const { status, body } = await get<QrBody>(`/api/node/${hex(N.bob.num)}/qr`);
        expect(status).toBe(200);
        expect(body).toMatchObject({
          node_id: N.bob.num,
          long_name: 'Bob Mobile',
          short_name: 'BOB',
        });
        const prefix = 'https://meshtastic.org/v/#';
        expect(body.meshtastic_url.startsWith(prefix)).toBe(true);
        const fragment = body.meshtastic_url.slice(prefix.length);
        expect(fragment).toMatch(/^[A-Za-z0-9_-]+$/);
        const contact = fromBinary(Admin.SharedContactSchema, Buffer.from(fragment, 'base64url'));
        expect(contact).toMatchObject({
          nodeNum: N.bob.num,
          manuallyVerified: false,
          user: { id: N.bob.id, longName: 'Bob Mobile', shortName: 'BOB', hwModel: 43 },
        });
        const dave = (await get<QrBody>(`/api/node/${N.dave.num}/qr`)).body.meshtastic_url.slice(
          prefix.length,
        );
        expect(
          fromBinary(Admin.SharedContactSchema, Buffer.from(dave, 'base64url')).user?.hwModel,
        ).toBe(999);
        expect((await get('/api/node/12345/qr')).status).toBe(404);
        await expectBad('/api/node/bob/qr', 'node_id');
      });

      it('flags a node seen with two public keys', async () => {
        const bob = await get<ImpersonationBody>(`/api/node/${N.bob.num}/impersonation-check`);
        expect(bob.status).toBe(200);
        expect(bob.body).toMatchObject({
          node_id: N.bob.num,
          unique_public_key_count: 2,
          potential_impersonation: true,
          warning: stringContaining('2 different public keys'),
        });
        expect(bob.body.public_keys).toHaveLength(2);
        expect(bob.body.public_keys[0]).toMatch(/^[0-9a-f]{64}$/);
        const alice = await get(`/api/node/${N.alice.num}/impersonation-check`);
        expect(alice.body).toMatchObject({
          unique_public_key_count: 1,
          potential_impersonation: false,
          warning: null,
        });
        expect((await get('/api/node/12345/impersonation-check')).status).toBe(404);
        await expectBad('/api/node/0xZZ/impersonation-check', 'node_id');
      });
    });
  });
}
