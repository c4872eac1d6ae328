import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_US, type Database } from '@meshview/db';
import type { PacketRecord } from '@meshview/mesh';
import { report } from '#test/records.js';
import { storeRecords } from '#test/store-traffic.js';
import { channelsQuery } from '../../src/queries/stats/channels.query.js';
import { latestSnapshotsQuery } from '../../src/queries/stats/daily-snapshots.query.js';
import { nodeTrafficQuery, packetStatsQuery } from '../../src/queries/stats/packet-stats.query.js';
import {
  allTimeCountQuery,
  receptionsOfQuery,
  windowCountQuery,
} from '../../src/queries/stats/stats-count.query.js';
import { windowStartUs } from '../../src/queries/stats/stats-window.js';
import { senderBucketQuery } from '../../src/queries/stats/sender-totals.js';
import { DIALECTS, type DialectUnderTest } from '#test/databases.js';
import { statsDatabase, type StatsDatabase } from './stats-app.js';

const NOW_US = Date.UTC(2026, 10, 26, 10, 30) * 1000;
const SENDERS = 400;
const PORTS = [1, 3, 4, 67, 70, 71, 5, 73];
const CHANNELS = ['LongFast', 'MediumFast', 'ShortTurbo'];

/** Two weeks of traffic, 40 packets an hour from 400 senders, through the writer's store. */
function traffic(): PacketRecord[] {
  const records: PacketRecord[] = [];
  let id = 1;
  for (let hour = 0; hour < 14 * 24; hour += 1) {
    for (let i = 0; i < 40; i += 1) {
      const from = 0x1000 + ((id * 7919) % SENDERS);
      const to = id % 10 === 0 ? 0x1000 + ((id * 31) % SENDERS) : 0xffffffff;
      const r = report({
        id,
        from,
        to,
        portnum: PORTS[id % PORTS.length]!,
        importUs: NOW_US - hour * HOUR_US - i * 60_000_000,
        gateway: 0xa000 + (id % 10),
      });
      const channel = CHANNELS[id % CHANNELS.length]!;
      records.push({ ...r, packet: { ...r.packet, channel }, seen: { ...r.seen!, channel } });
      id += 1;
    }
  }
  return records;
}

/** The tables a list route must never read whole: the base tables and the growing roll-ups. */
const LARGE = [
  'packet',
  'packet_seen',
  'stats_hourly',
  'stats_sender_hourly',
  'stats_sender_daily',
  'stats_recipient_hourly',
  'stats_recipient_daily',
];

/** Every table the plan reads whole (SQLite `SCAN t`, PostgreSQL `Seq Scan on t`). */
async function fullScans(
  dialect: DialectUnderTest,
  db: Kysely<Database>,
  query: Planned,
): Promise<string[]> {
  const { sql: text, parameters } = query.compile(db);
  if (dialect === 'sqlite') {
    const { rows } = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${text}`, [...parameters]),
    );
    return rows.map((r) => /^SCAN (\w+)/.exec(r.detail)?.[1]).filter((t) => t !== undefined);
  }
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${text}`, [...parameters]),
  );
  const plan = (rows[0]!['QUERY PLAN'] as [{ Plan: PlanNode }])[0].Plan;
  const scans: string[] = [];
  const walk = (node: PlanNode): void => {
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name'])
      scans.push(node['Relation Name']);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan);
  return scans;
}

/** A statement the routes run: a raw SQL builder or a Kysely query builder. */
interface Planned {
  compile(db: Kysely<Database>): CompiledQuery<unknown>;
}

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `the statistics routes' query plans on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let database: StatsDatabase;
      beforeAll(async () => {
        database = await statsDatabase(dialect, 'stats_plans', async (writer) => {
          await storeRecords(writer.db, dialect, traffic(), 2000);
          await sql`ANALYZE`.execute(writer.db);
        });
      }, 120_000);
      afterAll(async () => {
        await database?.close();
      });

      it('read the roll-ups and base tables through indexes only, for every route and filter', async () => {
        const db = database.reader.db;
        const day = windowStartUs(NOW_US, 'day', 1);
        const window = { startUs: day, nowUs: NOW_US };
        const stats = { nowUs: NOW_US, period: 'hour' as const, length: 24 };
        const queries: [string, Planned, string[]][] = [
          ['channels', channelsQuery(window), []],
          [
            'channels, a week',
            channelsQuery({ ...window, startUs: windowStartUs(NOW_US, 'day', 7) }),
            [],
          ],
          ['stats', packetStatsQuery({ ...stats, filter: {} }), []],
          [
            'stats by day',
            packetStatsQuery({ ...stats, period: 'day', length: 3, filter: {} }),
            [],
          ],
          [
            'stats by channel and port',
            packetStatsQuery({ ...stats, filter: { channel: 'longfast', portnum: 1 } }),
            [],
          ],
          ['stats from a node', packetStatsQuery({ ...stats, filter: { fromNode: 0x1001 } }), []],
          ['stats to a node', packetStatsQuery({ ...stats, filter: { toNode: 0x1001 } }), []],
          ['stats to everyone', packetStatsQuery({ ...stats, filter: { toNode: 0xffffffff } }), []],
          // group_by=portnum: the node page's packets per day by port, and the mesh's.
          [
            'stats by port from a node, a week',
            packetStatsQuery({
              ...stats,
              period: 'day',
              length: 7,
              filter: { fromNode: 0x1001 },
              groupBy: 'portnum',
            }),
            [],
          ],
          ['stats by port', packetStatsQuery({ ...stats, filter: {}, groupBy: 'portnum' }), []],
          [
            'stats by port to a node on a channel',
            packetStatsQuery({
              ...stats,
              filter: { toNode: 0x1001, channel: 'longfast' },
              groupBy: 'portnum',
            }),
            [],
          ],
          // group_by=channel: the stats page's busiest channel of the last day.
          ['stats by channel', packetStatsQuery({ ...stats, filter: {}, groupBy: 'channel' }), []],
          [
            'stats by channel and port, by day',
            packetStatsQuery({
              ...stats,
              period: 'day',
              length: 14,
              filter: { portnum: 1 },
              groupBy: 'channel',
            }),
            [],
          ],
          ['stats node', nodeTrafficQuery({ ...stats, node: 0x1001 }), []],
          ['count', windowCountQuery({ ...window, filter: {} }), []],
          [
            'count, two weeks',
            windowCountQuery({ ...window, startUs: windowStartUs(NOW_US, 'day', 14), filter: {} }),
            [],
          ],
          [
            'count from',
            windowCountQuery({ ...window, filter: { fromNode: 0x1001, toNode: 0x1002 } }),
            [],
          ],
          [
            'count to',
            windowCountQuery({ ...window, filter: { toNode: 0x1001, channel: 'x' } }),
            [],
          ],
          ['count of a packet', receptionsOfQuery(77), []],
          // The all-time totals sum the daily roll-up: a few rows a day.
          ['count, all time', allTimeCountQuery(), ['stats_daily']],
          // /api/stats/top's ranking sums the sender roll-up one bucket at a time.
          ['top, an hour', senderBucketQuery('hourly', window.startUs), []],
          ['top, a day', senderBucketQuery('daily', window.startUs), []],
          ['daily snapshots', latestSnapshotsQuery(database.reader.db, 30), []],
        ];
        for (const [name, query, allowed] of queries) {
          const scans = await fullScans(dialect, db, query);
          expect({
            name,
            scans: scans.filter((t) => LARGE.includes(t) && !allowed.includes(t)),
          }).toEqual({
            name,
            scans: [],
          });
        }
      });
    },
  );
}
