import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeDailySnapshotsAt } from '#test/daily-snapshots.js';
import { DIALECTS } from '#test/databases.js';
import { meshTraffic, TRAFFIC_NODES, type TrafficManifest } from '@meshview/sim';
import { storeTraffic } from '#test/store-traffic.js';
import { StatsOracle, type OracleFilter } from './stats-oracle.js';
import type { ErrorBody } from '../../src/http/error-body.js';
import { injectJson } from '../support/inject-json.js';
import { statsApp, statsDatabase, type StatsDatabase } from './stats-app.js';

// Half past an hour: the traffic's 1.x-hour-old packets straddle the hour windows' start.
const NOW_MS = Date.UTC(2026, 10, 26, 10, 30, 15);
const NOW_US = NOW_MS * 1000;
const N = TRAFFIC_NODES;

// The fields of the answers this test reads one by one; whole answers are compared as they are.
interface ChannelsBody {
  readonly channels: readonly string[];
}
interface StatsBody {
  readonly data: readonly { period: string; count: number }[];
  readonly length: number;
}
interface CountBody {
  readonly total_seen: number;
}
interface TopBody {
  readonly nodes: readonly { seen: number }[];
  readonly limit: number;
  readonly offset: number;
}
interface SnapshotsBody {
  readonly data: readonly { date: string }[];
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`the statistics routes on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    let database: StatsDatabase;
    let app: FastifyInstance;
    let oracle: StatsOracle;
    let traffic: TrafficManifest;

    beforeAll(async () => {
      traffic = meshTraffic(NOW_US);
      database = await statsDatabase(dialect, 'stats_routes', async (writer) => {
        await storeTraffic(writer.db, dialect, traffic);
        // Three days' snapshots, taken by the writer's job.
        await takeDailySnapshotsAt(
          writer.db,
          dialect,
          [23, 24, 25].map((day) => new Date(Date.UTC(2026, 10, day, 1))),
        );
      });
      oracle = await StatsOracle.load(database.writer.db);
      app = await statsApp(database.reader, NOW_MS);
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    const get = <T = unknown>(url: string) => injectJson<T>(app, url);
    const start = (period: 'hour' | 'day', length: number) =>
      StatsOracle.windowStart(NOW_US, period, length);

    it('/api/channels lists the channels of the window’s packets', async () => {
      expect(await get('/api/channels')).toEqual({
        status: 200,
        body: { channels: oracle.channels(start('hour', 24)) },
      });
      const twoDays = await get<ChannelsBody>('/api/channels?period_type=day&length=2');
      expect(twoDays.body.channels).toEqual(oracle.channels(start('day', 2)));
      expect(twoDays.body.channels).toEqual(['LongFast', 'MediumFast', 'PKI', 'Secret']);
      expect(
        (await get<ChannelsBody>('/api/channels?period_type=HOUR&length=1')).body.channels,
      ).toEqual(oracle.channels(start('hour', 1)));
    });

    it('/api/stats counts packets per hour or day, with every filter', async () => {
      const cases: [string, 'hour' | 'day', number, Record<string, number | string>][] = [
        ['', 'hour', 24, {}],
        ['?period_type=day&length=3', 'day', 3, {}],
        ['?period_type=hour&length=2', 'hour', 2, {}],
        ['?channel=longfast', 'hour', 24, { channel: 'longfast' }],
        ['?portnum=1&period_type=day&length=2', 'day', 2, { portnum: 1 }],
        [`?from_node=${N.alice.num}`, 'hour', 24, { from: N.alice.num }],
        [`?from_node=0x${N.bob.num.toString(16)}&period_type=day`, 'day', 24, { from: N.bob.num }],
        ['?to_node=4294967295', 'hour', 24, { to: 0xffffffff }],
        [
          `?to_node=${N.bob.num}&from_node=${N.alice.num}`,
          'hour',
          24,
          { to: N.bob.num, from: N.alice.num },
        ],
        [`?to_node=${N.alice.num}&channel=PKI`, 'hour', 24, { to: N.alice.num, channel: 'PKI' }],
      ];
      for (const [qs, period, length, filter] of cases) {
        const { status, body } = await get<StatsBody>(`/api/stats${qs}`);
        expect(status, qs).toBe(200);
        expect(body.data, qs).toEqual(oracle.stats(NOW_US, period, length, filter));
        expect(body).toMatchObject({ period_type: period, length });
      }
      const hourly = (await get<StatsBody>('/api/stats')).body.data;
      expect(hourly[0]?.period).toMatch(/^\d{4}-\d\d-\d\d \d\d:00$/);
      expect(hourly.at(-1)).toEqual({ period: '2026-11-26 10:00', count: 4 });
      expect((await get('/api/stats')).body).toEqual({
        period_type: 'hour',
        length: 24,
        channel: null,
        portnum: null,
        to_node: null,
        from_node: null,
        data: oracle.stats(NOW_US, 'hour', 24, {}),
      });
      const filtered = await get(`/api/stats?channel=LongFast&portnum=1&to_node=1&from_node=2`);
      expect(filtered.body).toMatchObject({
        channel: 'LongFast',
        portnum: 1,
        to_node: 1,
        from_node: 2,
        data: [],
      });
    });

    it('/api/stats?group_by=portnum counts each port of each period, with the filters', async () => {
      // The oracle per port, merged: buckets by period, then port; -1 for packets of no known port.
      const byPort = (period: 'hour' | 'day', length: number, filter: OracleFilter) => {
        const ports = filter.portnum !== undefined ? [filter.portnum] : oracle.portnums();
        return ports
          .flatMap((portnum) =>
            oracle
              .stats(NOW_US, period, length, { ...filter, portnum })
              .map((bucket) => ({ ...bucket, portnum: portnum ?? -1 })),
          )
          .sort((a, b) => a.period.localeCompare(b.period) || a.portnum - b.portnum);
      };
      const cases: [string, 'hour' | 'day', number, OracleFilter][] = [
        [`?from_node=${N.alice.num}&period_type=day&length=7`, 'day', 7, { from: N.alice.num }],
        ['?period_type=day&length=3', 'day', 3, {}],
        ['', 'hour', 24, {}],
        [`?to_node=${N.alice.num}&period_type=day`, 'day', 24, { to: N.alice.num }],
        ['?channel=LongFast&period_type=day&length=2', 'day', 2, { channel: 'LongFast' }],
        ['?portnum=1&period_type=day&length=2', 'day', 2, { portnum: 1 }],
      ];
      for (const [qs, period, length, filter] of cases) {
        const url = `/api/stats${qs}${qs === '' ? '?' : '&'}group_by=portnum`;
        const { status, body } = await get<StatsBody>(url);
        expect(status, url).toBe(200);
        const expected = byPort(period, length, filter);
        expect(expected.length, url).toBeGreaterThan(0);
        expect(body.data, url).toEqual(expected);
        // Each period's ports add up to the ungrouped count.
        const plain = (await get<StatsBody>(`/api/stats${qs}`)).body.data;
        for (const { period: label, count } of plain) {
          const parts = body.data.filter((b) => b.period === label);
          expect(
            parts.reduce((n, b) => n + b.count, 0),
            `${url} ${label}`,
          ).toBe(count);
        }
      }
      expect(
        Object.keys((await get<StatsBody>('/api/stats?group_by=portnum')).body.data[0]!),
      ).toEqual(['period', 'count', 'portnum']);
      const bad = await get<ErrorBody>('/api/stats?group_by=hour');
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ parameter: 'group_by' });
    });

    it('/api/stats?group_by=channel counts each channel of each period, with the filters', async () => {
      // The oracle per channel, merged: buckets by period, then channel by code point.
      const byChannel = (period: 'hour' | 'day', length: number, filter: OracleFilter) =>
        oracle
          .channels(0)
          .filter((c) => filter.channel === undefined || c === filter.channel)
          .flatMap((channel) =>
            oracle
              .stats(NOW_US, period, length, { ...filter, channel })
              .map((bucket) => ({ ...bucket, channel })),
          )
          .sort(
            (a, b) =>
              a.period.localeCompare(b.period) ||
              (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0),
          );
      const cases: [string, 'hour' | 'day', number, OracleFilter][] = [
        ['', 'hour', 24, {}],
        ['?period_type=day&length=3', 'day', 3, {}],
        ['?portnum=1&period_type=day&length=2', 'day', 2, { portnum: 1 }],
        [`?from_node=${N.alice.num}&period_type=day&length=7`, 'day', 7, { from: N.alice.num }],
        ['?channel=longfast&period_type=day&length=2', 'day', 2, { channel: 'LongFast' }],
      ];
      for (const [qs, period, length, filter] of cases) {
        const url = `/api/stats${qs}${qs === '' ? '?' : '&'}group_by=channel`;
        const { status, body } = await get<StatsBody>(url);
        expect(status, url).toBe(200);
        const expected = byChannel(period, length, filter);
        expect(expected.length, url).toBeGreaterThan(0);
        expect(body.data, url).toEqual(expected);
        // Each period's channels add up to the ungrouped count (no packet here lacks a channel).
        const plain = (await get<StatsBody>(`/api/stats${qs}`)).body.data;
        for (const { period: label, count } of plain) {
          const parts = body.data.filter((b) => b.period === label);
          expect(
            parts.reduce((n, b) => n + b.count, 0),
            `${url} ${label}`,
          ).toBe(count);
        }
      }
      // More than one channel in the last day, so the busiest is a real choice.
      const day = (await get<StatsBody>('/api/stats?group_by=channel')).body.data;
      expect(new Set(day.map((b) => (b as { channel?: string }).channel)).size).toBeGreaterThan(1);
      expect(Object.keys(day[0]!)).toEqual(['period', 'count', 'channel']);
    });

    it('/api/stats?node= answers what a node sent and what was sent to it', async () => {
      const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
      for (const [period, length] of [
        ['hour', 24],
        ['day', 3],
      ] as const) {
        const { body } = await get(
          `/api/stats?node=${N.alice.num}&period_type=${period}&length=${length}`,
        );
        expect(body).toEqual({
          node_id: N.alice.num,
          period_type: period,
          length,
          sent: sum(oracle.stats(NOW_US, period, length, { from: N.alice.num })),
          seen: sum(oracle.stats(NOW_US, period, length, { to: N.alice.num })),
        });
      }
      expect((await get(`/api/stats?node=${N.alice.num}`)).body).toMatchObject({
        sent: 4,
        seen: 2,
      });
    });

    it('/api/stats/count gives the totals, or a window’s counts with filters', async () => {
      expect((await get('/api/stats/count')).body).toEqual(oracle.totals());
      // Parameters MeshView does not know are ignored, as MeshView ignores them.
      expect((await get('/api/stats/count?foo=1')).body).toEqual(oracle.totals());
      expect((await get('/api/stats/count')).body).toEqual({
        total_packets: traffic.seenCount.size,
        total_seen: traffic.messages.length,
      });
      const cases: [string, number, Record<string, number | string>][] = [
        ['?period_type=day', start('day', 1), {}],
        ['?length=2', start('day', 2), {}],
        ['?period_type=hour&length=2', start('hour', 2), {}],
        ['?channel=MEDIUMFAST', start('day', 1), { channel: 'MEDIUMFAST' }],
        [`?from_node=${N.bob.num}&period_type=day&length=2`, start('day', 2), { from: N.bob.num }],
        [`?to_node=${N.alice.num}`, start('day', 1), { to: N.alice.num }],
        [
          `?to_node=${N.bob.num}&from_node=${N.alice.num}`,
          start('day', 1),
          { to: N.bob.num, from: N.alice.num },
        ],
        // An empty channel filters nothing, but asks for a window (MeshView's `if channel:`).
        ['?channel=', start('day', 1), {}],
      ];
      for (const [qs, from, filter] of cases) {
        expect((await get(`/api/stats/count${qs}`)).body, qs).toEqual(oracle.count(from, filter));
      }
      // `packet_id` counts that packet's receptions; the packets stay the window's (MeshView's).
      const id = traffic.ids.position;
      expect((await get(`/api/stats/count?packet_id=${id}`)).body).toEqual({
        total_packets: oracle.count(start('day', 1), {}).total_packets,
        total_seen: traffic.seenCount.get(id),
      });
      expect((await get<CountBody>('/api/stats/count?packet_id=12345')).body.total_seen).toBe(0);
    });

    it('/api/stats/top ranks every known node by receptions, a page at a time', async () => {
      const all = oracle.top(start('day', 1));
      const { body } = await get<TopBody>('/api/stats/top');
      expect(body).toEqual({ total: all.length, limit: 20, offset: 0, nodes: all });
      expect(body.nodes[0]?.seen).toBeGreaterThan(0);
      const page = await get<TopBody>('/api/stats/top?limit=2&offset=3&period_type=day&length=2');
      expect(page.body.nodes).toEqual(oracle.top(start('day', 2)).slice(3, 5));
      const hour = await get<TopBody>('/api/stats/top?period_type=hour&length=1&limit=100');
      expect(hour.body.nodes).toEqual(oracle.top(start('hour', 1)));
      const medium = await get('/api/stats/top?channel=MediumFast');
      expect(medium.body).toMatchObject({
        total: 2,
        nodes: oracle.top(start('day', 1), 'MediumFast'),
      });
      // Channels match exactly for nodes, as in MeshView.
      expect((await get('/api/stats/top?channel=mediumfast')).body).toMatchObject({
        total: 0,
        nodes: [],
      });
      expect((await get<TopBody>('/api/stats/top?offset=5&limit=3')).body.nodes).toEqual(
        all.slice(5, 8),
      );
    });

    it('/api/stats/top sorts by each column, either way, a page at a time', async () => {
      const all = oracle.top(start('day', 2));
      const name = (n: (typeof all)[number]) => (n.long_name ?? n.short_name ?? '').toLowerCase();
      // Array.prototype.sort is stable: ties keep the default ranking's order.
      const sorted = (key: (n: (typeof all)[number]) => number | string, sign: 1 | -1) =>
        [...all].sort((a, b) => {
          const x = key(a);
          const y = key(b);
          return (x < y ? -1 : x > y ? 1 : 0) * sign;
        });
      const cases: [string, (n: (typeof all)[number]) => number | string][] = [
        ['seen', (n) => n.seen],
        ['sent', (n) => n.sent],
        ['avg', (n) => n.avg],
        ['name', name],
      ];
      for (const [sort, key] of cases) {
        for (const [order, sign] of [
          ['asc', 1],
          ['desc', -1],
        ] as const) {
          const expected = sorted(key, sign);
          const url = `/api/stats/top?period_type=day&length=2&sort=${sort}&order=${order}`;
          const { body } = await get<TopBody>(`${url}&limit=100`);
          expect(body.nodes, url).toEqual(expected);
          const page = await get<TopBody>(`${url}&limit=3&offset=2`);
          expect(page.body, url).toMatchObject({
            total: all.length,
            limit: 3,
            offset: 2,
            nodes: expected.slice(2, 5),
          });
        }
      }
      // The default is seen, most first: the ranking as before.
      expect(
        (await get<TopBody>('/api/stats/top?period_type=day&length=2&limit=100&sort=seen')).body
          .nodes,
      ).toEqual(all);
      expect(
        (await get<TopBody>('/api/stats/top?period_type=day&length=2&limit=100&order=desc')).body
          .nodes,
      ).toEqual(all);
      // With a channel: the channel's nodes only.
      const medium = await get<TopBody>('/api/stats/top?channel=MediumFast&sort=sent&order=asc');
      expect(medium.body.nodes).toEqual(
        [...oracle.top(start('day', 1), 'MediumFast')].sort((a, b) => a.sent - b.sent),
      );
    });

    it('/api/snapshots/daily lists the writer’s daily snapshots, oldest first', async () => {
      const { body } = await get<SnapshotsBody>('/api/snapshots/daily');
      expect(body.data.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
      expect(body.data[2]).toEqual({
        date: '2026-11-25',
        node_count: Object.keys(N).length,
        packet_count: traffic.seenCount.size,
        gateway_count: 3,
        captured_at_us: Date.UTC(2026, 10, 25, 1) * 1000,
      });
      const latest = await get<SnapshotsBody>('/api/snapshots/daily?length=2');
      expect(latest.body.data.map((d) => d.date)).toEqual(['2026-11-24', '2026-11-25']);
      // Clamped to 1..3650, as MeshView does.
      expect((await get<SnapshotsBody>('/api/snapshots/daily?length=0')).body.data).toHaveLength(1);
      expect(
        (await get<SnapshotsBody>('/api/snapshots/daily?length=99999')).body.data,
      ).toHaveLength(3);
    });

    it('clamps lengths, limits and offsets as MeshView does, and says so in the echo', async () => {
      expect((await get<StatsBody>('/api/stats?length=0')).body.length).toBe(1);
      expect((await get<StatsBody>('/api/stats?length=-7')).body.length).toBe(1);
      expect((await get<StatsBody>('/api/stats?length=100000')).body.length).toBe(3650);
      expect((await get<TopBody>('/api/stats/top?limit=1000')).body.limit).toBe(100);
      expect((await get<TopBody>('/api/stats/top?limit=-3')).body.limit).toBe(1);
      expect((await get<TopBody>('/api/stats/top?offset=-3')).body.offset).toBe(0);
      expect((await get<ChannelsBody>('/api/channels?length=0')).body.channels).toEqual(
        oracle.channels(start('hour', 1)),
      );
    });

    it('answers 400 naming the parameter and the reason for malformed ones', async () => {
      const cases: [string, string][] = [
        ['/api/stats?period_type=week', 'period_type'],
        ['/api/channels?period_type=month', 'period_type'],
        ['/api/stats/top?period_type=year', 'period_type'],
        ['/api/stats/count?period_type=', 'period_type'],
        ['/api/stats?length=abc', 'length'],
        ['/api/stats?length=1.5', 'length'],
        ['/api/channels?length=', 'length'],
        ['/api/stats?node=zz', 'node'],
        ['/api/stats?from_node=-1', 'from_node'],
        ['/api/stats?to_node=4294967296', 'to_node'],
        ['/api/stats?portnum=x', 'portnum'],
        ['/api/stats?portnum=-1', 'portnum'],
        ['/api/stats/count?packet_id=abc', 'packet_id'],
        ['/api/stats/count?from_node=0xZZ', 'from_node'],
        ['/api/stats/top?limit=ten', 'limit'],
        ['/api/stats/top?offset=1e3', 'offset'],
        ['/api/stats/top?sort=rank', 'sort'],
        ['/api/stats/top?order=up', 'order'],
        ['/api/stats?group_by=node', 'group_by'],
        ['/api/snapshots/daily?length=many', 'length'],
        ['/api/stats?channel=%00', 'channel'],
        [`/api/stats?channel=${'x'.repeat(201)}`, 'channel'],
      ];
      for (const [url, parameter] of cases) {
        const { status, body } = await get<ErrorBody>(url);
        expect({ url, status }).toEqual({ url, status: 400 });
        expect(body, url).toMatchObject({
          error: 'invalid parameter',
          parameter,
          where: 'querystring',
        });
        expect(typeof body.reason, url).toBe('string');
      }
    });
  });
}
