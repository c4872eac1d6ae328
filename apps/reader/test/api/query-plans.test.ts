import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DatabaseConnection } from '@meshview/db';
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { DIALECTS, freshDatabaseUrl, type DialectUnderTest } from '#test/databases.js';
import type { ListQuery } from '../../src/queries/list-query.js';
import {
  anyPacketFromQuery,
  nodeNamesQuery,
  nodePacketIdsQuery,
  RECEPTION_BATCH,
  receptionsQuery,
} from '../../src/queries/node-receptions.queries.js';
import { nodeListQuery, nodeQuery } from '../../src/queries/node.queries.js';
import type { PacketFilter } from '../../src/queries/packet-filter.js';
import { neighborReportsQuery } from '../../src/queries/neighbor-report.queries.js';
import { packetSeenQuery } from '../../src/queries/packet-seen.queries.js';
import { packetListQuery } from '../../src/queries/packet.queries.js';
import { publicKeysQuery } from '../../src/queries/public-key.queries.js';
import {
  newestPacketsQuery,
  streamPollQuery,
  streamResumeQuery,
} from '../../src/queries/stream.queries.js';
import {
  MAX_WINDOW_REPORTS,
  PACKET_ENDS_BATCH,
  packetEndsQuery,
  recentTraceroutesQuery,
  tracerouteReportsQuery,
  windowTraceroutesQuery,
} from '../../src/queries/traceroute.queries.js';

// Enough rows that a planner with statistics prefers a sequential scan wherever no index fits.
const PACKETS = 20_000;
const SEEN_PER_PACKET = 3;
const NODES = 500;
const T0 = 1_780_000_000_000_000;
const STEP_US = 1_000_000;
const BIG_TABLES = ['packet', 'packet_seen', 'traceroute', 'node_public_key'];

/** Fills the tables with a mesh's shape of traffic in a few statements. */
async function fill(db: Kysely<Database>, dialect: DialectUnderTest): Promise<void> {
  const series =
    dialect === 'sqlite'
      ? (n: number) =>
          sql.raw(
            `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) SELECT i FROM s`,
          )
      : (n: number) => sql.raw(`SELECT i FROM generate_series(1::bigint, ${n}) AS s(i)`);
  const blob = sql.raw(
    dialect === 'sqlite' ? 'randomblob(60)' : "decode(repeat(md5(i::text), 2), 'hex')",
  );
  const mod = (a: string, b: number) => sql.raw(`((${a}) % ${b})`);
  await sql`INSERT INTO node (id, node_id, long_name, short_name, hw_model, role, channel,
      is_mqtt_gateway, first_seen_us, last_seen_us)
    SELECT 'n' || i, i, 'Node ' || i, 'N' || i, 'RAK4631', 'CLIENT', 'LongFast',
      ${sql.raw(dialect === 'sqlite' ? '0' : 'FALSE')}, ${sql.lit(T0)}, ${sql.lit(T0)} + i * ${sql.lit(STEP_US)}
    FROM (${series(NODES)}) AS s`.execute(db);
  await sql`INSERT INTO packet (id, portnum, from_node_id, to_node_id, payload, import_time_us, channel)
    SELECT i,
      -- Ports in a real mesh's proportions: text messages and NeighborInfo are rare.
      CASE WHEN ${mod('i', 100)} = 0 THEN 1 WHEN ${mod('i', 100)} < 3 THEN 71
        WHEN ${mod('i', 100)} < 6 THEN 70 WHEN ${mod('i', 100)} < 36 THEN 3
        WHEN ${mod('i', 100)} < 61 THEN 4 ELSE 67 END,
      1 + ${mod('i', NODES)},
      CASE WHEN ${mod('i', 20)} = 0 THEN 1 + ${mod('i * 7', NODES)} ELSE 4294967295 END,
      ${blob}, ${sql.lit(T0)} + i * ${sql.lit(STEP_US)},
      CASE ${mod('i', 3)} WHEN 0 THEN 'LongFast' WHEN 1 THEN 'MediumFast' ELSE 'ShortFast' END
    FROM (${series(PACKETS)}) AS s`.execute(db);
  for (let g = 0; g < SEEN_PER_PACKET; g += 1) {
    await sql`INSERT INTO packet_seen (packet_id, node_id, rx_time, hop_limit, hop_start, channel,
        rx_snr, rx_rssi, topic, import_time_us)
      SELECT i, 1 + ${mod(`i + ${g * 17}`, NODES)}, i, 3, 3, 'LongFast', 5.5, -90, 'msh/US/e',
        ${sql.lit(T0)} + i * ${sql.lit(STEP_US)} + ${g}
      FROM (${series(PACKETS)}) AS s`.execute(db);
  }
  // Every gateway's report of every traceroute packet (ports 70: i % 100 in 3..5).
  for (let g = 0; g < SEEN_PER_PACKET; g += 1) {
    await sql`INSERT INTO traceroute (packet_id, gateway_node_id, done, route, import_time_us)
      SELECT i, 1 + ${mod(`i + ${g * 17}`, NODES)}, ${sql.raw(dialect === 'sqlite' ? '1' : 'TRUE')},
        ${blob}, ${sql.lit(T0)} + i * ${sql.lit(STEP_US)} + ${g}
      FROM (${series(PACKETS)}) AS s WHERE ${mod('i', 100)} BETWEEN 3 AND 5`.execute(db);
  }
  await sql`INSERT INTO node_public_key (node_id, public_key, first_seen_us, last_seen_us)
    SELECT 1 + ${mod('i', NODES)}, md5(i::text), ${sql.lit(T0)}, ${sql.lit(T0)}
    FROM (${series(NODES * 2)}) AS s`
    .execute(db)
    .catch(async () => {
      // SQLite has no md5(): hex of a random blob stands in for the key.
      await sql`INSERT INTO node_public_key (node_id, public_key, first_seen_us, last_seen_us)
        SELECT 1 + ${mod('i', NODES)}, hex(randomblob(32)), ${sql.lit(T0)}, ${sql.lit(T0)}
        FROM (${series(NODES * 2)}) AS s`.execute(db);
    });
  await sql.raw('ANALYZE').execute(db);
}

/** How each big table is read by a query: an index name, or `FULL SCAN`. */
async function tableAccess(
  handle: DatabaseConnection,
  query: CompiledQuery,
): Promise<Map<string, Set<string>>> {
  const access = new Map<string, Set<string>>();
  const note = (table: string, how: string) => {
    if (!BIG_TABLES.includes(table)) return;
    if (!access.has(table)) access.set(table, new Set());
    access.get(table)!.add(how);
  };
  if (handle.dialect === 'sqlite') {
    const plan = await handle.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
    );
    for (const { detail } of plan.rows) {
      const match =
        /^(SCAN|SEARCH) (\w+)(?: AS \w+)?(?: USING (?:COVERING )?INDEX (\w+)| USING (INTEGER PRIMARY KEY))?/.exec(
          detail,
        );
      if (!match) continue;
      note(match[2]!, match[3] ?? match[4] ?? 'FULL SCAN');
    }
    return access;
  }
  const plan = await handle.db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]),
  );
  const walk = (node: Record<string, unknown>, bitmapOf?: string) => {
    const type = node['Node Type'] as string;
    const relation = node['Relation Name'] as string | undefined;
    if (relation !== undefined) {
      if (type === 'Seq Scan') note(relation, 'FULL SCAN');
      else if (typeof node['Index Name'] === 'string') note(relation, node['Index Name']);
    }
    if (type === 'Bitmap Index Scan' && bitmapOf !== undefined) {
      note(bitmapOf, node['Index Name'] as string);
    }
    const next = type === 'Bitmap Heap Scan' ? relation : bitmapOf;
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) {
      walk(child, next);
    }
  };
  const [root] = plan.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[];
  walk(root!.Plan);
  return access;
}

const PK = { sqlite: 'sqlite_autoindex_packet_1', postgres: 'packet_pkey' } as const;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `every list route's query reads indexes, never a whole big table, on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let handle: DatabaseConnection;
      let db: Kysely<Database>;
      beforeAll(async () => {
        handle = await openDatabase(await freshDatabaseUrl(dialect, 'query_plans'));
        await (await createMeshviewMigrator({ dialect, db: handle.db })).upgrade('head');
        db = handle.db;
        await fill(handle.db, dialect);
      }, 120_000);
      afterAll(async () => {
        await handle?.close();
      });

      const expectPlan = async (
        label: string,
        query: ListQuery<unknown>,
        expected: Readonly<Record<string, readonly (readonly string[])[] | readonly string[]>>,
      ) => {
        const access = await tableAccess(handle, query.compile());
        for (const [table, hows] of access) {
          expect([...hows], `${label}: ${table}`).not.toContain('FULL SCAN');
        }
        for (const [table, allowed] of Object.entries(expected)) {
          const used = [...(access.get(table) ?? [])];
          expect(used.length, `${label}: ${table} is read`).toBeGreaterThan(0);
          // Each entry: one index the plan must use, or a list of acceptable ones.
          for (const choice of allowed as readonly (string | readonly string[])[]) {
            const options = typeof choice === 'string' ? [choice] : choice;
            expect(
              used.some((u) => options.includes(u)),
              `${label}: ${table} via ${options.join(' or ')}, plan used ${used.join(', ')}`,
            ).toBe(true);
          }
        }
      };

      const SINCE = T0 + (PACKETS - 500) * STEP_US;
      const BEFORE = T0 + (PACKETS - 5000) * STEP_US;
      const PACKET_CASES: [string, PacketFilter, number, string[][]][] = [
        ['firehose', {}, 100, [['idx_packet_import_time_us']]],
        ['map poll', { since: SINCE }, 50, [['idx_packet_import_time_us']]],
        [
          'firehose by channel',
          { channel: 'LongFast', since: SINCE },
          100,
          [['idx_packet_channel_time_us', 'idx_packet_import_time_us']],
        ],
        ['chat', { portnum: 1 }, 100, [['idx_packet_portnum_time_us']]],
        [
          'chat poll',
          { portnum: 1, since: SINCE },
          100,
          [['idx_packet_portnum_time_us', 'idx_packet_import_time_us']],
        ],
        [
          'chat by channel',
          { portnum: 1, channel: 'MediumFast' },
          100,
          [['idx_packet_channel_portnum_time_us']],
        ],
        [
          'net',
          { portnum: 1, since: T0 },
          1000,
          [['idx_packet_portnum_time_us', 'idx_packet_import_time_us']],
        ],
        [
          'sender',
          { fromNodeId: 42 },
          50,
          [['idx_packet_from_node_time_us', 'idx_packet_from_node_portnum_time_us']],
        ],
        ['receiver', { toNodeId: 42 }, 50, [['idx_packet_to_node_time_us']]],
        [
          'node page',
          { nodeId: 42 },
          1000,
          [
            ['idx_packet_from_node_time_us', 'idx_packet_from_node_portnum_time_us'],
            ['idx_packet_to_node_time_us'],
          ],
        ],
        [
          'node page by port',
          { nodeId: 42, portnum: 67, since: T0 },
          1000,
          [
            ['idx_packet_from_node_portnum_time_us', 'idx_packet_from_node_time_us'],
            ['idx_packet_to_node_time_us'],
          ],
        ],
        [
          'sender by port and channel',
          { fromNodeId: 42, portnum: 3, channel: 'LongFast' },
          50,
          [['idx_packet_from_node_portnum_time_us', 'idx_packet_from_node_time_us']],
        ],
        ['one packet', { packetId: 1234 }, 50, [[PK[dialect]]]],
        // The pages' "older" button: `before` on the same indexes as the first page.
        ['firehose, older', { before: BEFORE }, 100, [['idx_packet_import_time_us']]],
        ['chat, older', { portnum: 1, before: BEFORE }, 100, [['idx_packet_portnum_time_us']]],
        [
          'node page, older',
          { nodeId: 42, before: BEFORE },
          100,
          [
            ['idx_packet_from_node_time_us', 'idx_packet_from_node_portnum_time_us'],
            ['idx_packet_to_node_time_us'],
          ],
        ],
        [
          'node page by port, older',
          { fromNodeId: 42, portnum: 67, before: BEFORE },
          100,
          [['idx_packet_from_node_portnum_time_us', 'idx_packet_from_node_time_us']],
        ],
        [
          'sender by channel since, older',
          { fromNodeId: 42, channel: 'LongFast', since: T0, before: BEFORE },
          100,
          [['idx_packet_from_node_time_us', 'idx_packet_from_node_portnum_time_us']],
        ],
      ];

      it.each(PACKET_CASES)('/api/packets (%s)', async (label, filter, limit, indexes) => {
        await expectPlan(label, packetListQuery(db, filter, limit), { packet: indexes });
        // The next page of a `contains` scan, from a cursor.
        await expectPlan(
          `${label}, next page`,
          packetListQuery(db, filter, limit, { untilUs: SINCE + 100 * STEP_US, overlap: 1 }),
          { packet: indexes },
        );
      });

      it('/api/stream/packets: its start, its poll and a resume from the database', async () => {
        const byTime = { packet: [['idx_packet_import_time_us']] };
        await expectPlan('stream start', newestPacketsQuery(db), byTime);
        await expectPlan('stream poll', streamPollQuery(db, SINCE, 1001), byTime);
        await expectPlan(
          'stream resume',
          streamResumeQuery(db, { importTimeUs: SINCE, id: 5 }, SINCE + 400 * STEP_US, 1000),
          byTime,
        );
      });

      it('/api/packets_seen, /api/traceroute, /api/edges, node routes, node receptions', async () => {
        await expectPlan('packets_seen', packetSeenQuery(db, 1234), {
          packet_seen: [
            ['idx_packet_seen_packet_id', 'sqlite_autoindex_packet_seen_1', 'packet_seen_pkey'],
          ],
        });
        await expectPlan('traceroute', tracerouteReportsQuery(db, 1234), {
          traceroute: ['idx_traceroute_packet_id'],
        });
        await expectPlan('edges', recentTraceroutesQuery(db, SINCE), {
          traceroute: ['idx_traceroute_import_time_us'],
          packet: [PK[dialect]],
        });
        await expectPlan('neighbor edges', packetListQuery(db, { portnum: 71 }, 50), {
          packet: ['idx_packet_portnum_time_us'],
        });
        // `/api/edges?hours=` (addition): one range of an index, at most MAX_WINDOW_REPORTS rows,
        // and the traceroutes' packets by primary key. NeighborInfo: a short window and one that
        // holds the whole table. Traceroutes: a short window (this small table, 1,800 rows, is
        // read whole by PostgreSQL once a window holds half of it and fewer rows than the limit).
        const tracerouteIds = Array.from({ length: PACKET_ENDS_BATCH }, (_, i) => 3 + i * 100);
        await expectPlan('window traceroutes: their packets', packetEndsQuery(db, tracerouteIds), {
          packet: [PK[dialect]],
        });
        await expectPlan('window traceroutes', windowTraceroutesQuery(db, SINCE), {
          traceroute: ['idx_traceroute_import_time_us'],
        });
        for (const since of [SINCE, T0]) {
          await expectPlan(
            `window neighbor reports since ${since}`,
            neighborReportsQuery(db, since, MAX_WINDOW_REPORTS),
            { packet: [['idx_packet_portnum_time_us', 'idx_packet_import_time_us']] },
          );
        }
        // A node's packets by one of its indexes: with fewer packets than the limit, PostgreSQL
        // reads them all by node and sorts them, which is as bounded.
        const BY_SENDER = [
          'idx_packet_from_node_time_us',
          'idx_packet_from_node_portnum_time_us',
          'idx_packet_from_node_id',
        ];
        await expectPlan("receptions: the node's packets", nodePacketIdsQuery(db, 42, T0, 5000), {
          packet: [BY_SENDER],
        });
        const ids = Array.from({ length: RECEPTION_BATCH }, (_, i) => 1 + i * 7);
        await expectPlan('receptions: their reports', receptionsQuery(db, ids), {
          packet_seen: [
            ['idx_packet_seen_packet_id', 'sqlite_autoindex_packet_seen_1', 'packet_seen_pkey'],
          ],
        });
        await expectPlan('receptions: a node without a row', anyPacketFromQuery(db, 42), {
          packet: [BY_SENDER],
        });
        await expectPlan('receptions: gateway names', nodeNamesQuery(db, [1, 2, 3]), {});
        await expectPlan('impersonation-check', publicKeysQuery(db, 42), {
          node_public_key: ['idx_node_public_key_node_id'],
        });
        // The node table is small (one row a node); its list only must not touch the big ones.
        await expectPlan('nodes', nodeListQuery(db, { seenSinceUs: SINCE }), {});
        await expectPlan('node', nodeQuery(db, 42), {});
      });
    },
  );
}
