import type { FastifyPluginCallback } from 'fastify';
import {
  ChannelsQuerySchema,
  ChannelsResponseSchema,
  MAX_STATS_LENGTH,
  SnapshotsQuerySchema,
  SnapshotsResponseSchema,
  StatsAnswerSchema,
  StatsCountQuerySchema,
  StatsCountResponseSchema,
  StatsQuerySchema,
  StatsTopQuerySchema,
  StatsTopResponseSchema,
  type ChannelsQuery,
  type SnapshotsQuery,
  type StatsCountQuery,
  type StatsQuery,
  type StatsTopQuery,
} from '@meshview/api';
import type { Config } from '@meshview/config';
import type { DatabaseConnection } from '@meshview/db';
import { channelsSince } from '../../queries/stats/channels.query.js';
import { latestSnapshots } from '../../queries/stats/daily-snapshots.query.js';
import { nodeTraffic, packetStats } from '../../queries/stats/packet-stats.query.js';
import type { StatsFilter } from '../../queries/stats/rollup-source.js';
import { allTimeCount, receptionsOf, windowCount } from '../../queries/stats/stats-count.query.js';
import { windowStartUs } from '../../queries/stats/stats-window.js';
import { TopSenders } from '../../queries/stats/top-senders.js';
import { TtlCache, type CacheCounts } from '../../ttl-cache.js';

/** What the statistics routes are given. */
export interface StatsRoutesOptions {
  readonly database: DatabaseConnection;
  readonly config: Config;
  /** The clock (ms since the epoch); injectable for tests. */
  readonly now?: () => number;
  /** How long an answer is reused for the same parameters (ms); 0 turns that off. */
  readonly cacheTtlMs?: number;
  /** Told whether each answer was reused or computed (the answer cache's metrics). */
  readonly counts?: CacheCounts;
}

/**
 * Statistics are hourly and daily counts: an answer a few seconds old is as good as a new one,
 * and pages that poll them (or many readers' users opening `/stats` at once) then cost one
 * query per parameter set and period, not one per request.
 */
const ANSWER_TTL_MS = 5_000;

const COUNT_PARAMETERS = [
  'packet_id',
  'period_type',
  'length',
  'channel',
  'from_node',
  'to_node',
] as const satisfies readonly (keyof StatsCountQuery)[];

/** An empty `channel=` filters nothing, as MeshView's `if channel:`. */
const channelFilter = (text: string | undefined): string | undefined =>
  text === undefined || text === '' ? undefined : text;

/**
 * MeshView's statistics routes: `/api/channels`, `/api/stats`, `/api/stats/count`,
 * `/api/stats/top` and 3.0.6's `/api/snapshots/daily`, answered from the writer's roll-ups
 * (migration b7d9f1a3c5e8) instead of scans of `packet` and `packet_seen`. Windows are
 * measured back from now in whole hours; see docs/API.md for where that differs from MeshView.
 */
export const statsRoutes: FastifyPluginCallback<StatsRoutesOptions> = (app, options, done) => {
  const { db } = options.database;
  const nowUs = (): number => (options.now ?? Date.now)() * 1000;
  // Read at each call, so a clock replaced later (the benchmark moves it to its data) is seen.
  const clock = (): number => (options.now ?? Date.now)();
  const topSenders = new TopSenders({ db, now: clock, counts: options.counts });
  // The top page's windows of the sender roll-up summed ahead of its first visitor, while the
  // reader starts (half a second of reads on a busy mesh's SQLite file, in steps of at most a
  // day's rows): at the start rather than amid the requests of a reader already serving.
  const warming = setTimeout(() => void topSenders.warm().catch(() => {}), 0);
  warming.unref();
  app.addHook('onClose', (_app, next) => {
    clearTimeout(warming);
    next();
  });
  const answers = new TtlCache<unknown>({
    ttlMs: options.cacheTtlMs ?? ANSWER_TTL_MS,
    maxEntries: 1024,
    now: clock,
    counts: options.counts,
  });
  /** `compute()`'s answer for this route and these (validated) parameters, reused for a while. */
  const cached = <T>(route: string, query: unknown, compute: () => Promise<T>): Promise<T> =>
    answers.get(`${route}?${JSON.stringify(query)}`, compute) as Promise<T>;

  // MeshView's /api/stats lower-cases `period_type`; every statistics route does here.
  app.addHook('preHandler', (request, _reply, next) => {
    const query = request.query as Record<string, unknown>;
    if (typeof query.period_type === 'string') query.period_type = query.period_type.toLowerCase();
    next();
  });

  app.get<{ Querystring: ChannelsQuery }>(
    '/api/channels',
    {
      schema: {
        summary: 'The channels of the packets imported in the last `length` hours or days',
        querystring: ChannelsQuerySchema,
        response: { 200: ChannelsResponseSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return cached('channels', q, async () => {
        const now = nowUs();
        const startUs = windowStartUs(now, q.period_type, q.length);
        return { channels: await channelsSince(db, { startUs, nowUs: now }) };
      });
    },
  );

  app.get<{ Querystring: StatsQuery }>(
    '/api/stats',
    {
      schema: {
        summary: 'Packets per hour or day; or, with `node`, packets sent by and to one node',
        querystring: StatsQuerySchema,
        response: { 200: StatsAnswerSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return cached('stats', q, () => packetStatsAnswer(q));
    },
  );

  const packetStatsAnswer = async (q: StatsQuery) => {
    const base = { nowUs: nowUs(), period: q.period_type, length: q.length };
    if (q.node !== undefined) {
      const { sent, seen } = await nodeTraffic(db, { ...base, node: q.node });
      return { node_id: q.node, period_type: q.period_type, length: q.length, sent, seen };
    }
    const filter: StatsFilter = {
      channel: channelFilter(q.channel),
      portnum: q.portnum,
      fromNode: q.from_node,
      toNode: q.to_node,
    };
    return {
      period_type: q.period_type,
      length: q.length,
      channel: q.channel ?? null,
      portnum: q.portnum ?? null,
      to_node: q.to_node ?? null,
      from_node: q.from_node ?? null,
      data: await packetStats(db, { ...base, filter, groupBy: q.group_by }),
    };
  };

  app.get<{ Querystring: StatsCountQuery }>(
    '/api/stats/count',
    {
      schema: {
        summary: 'Packets and receptions: all of them, or those of a window and filters',
        querystring: StatsCountQuerySchema,
        response: { 200: StatsCountResponseSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return cached('count', q, () => countAnswer(q));
    },
  );

  const countAnswer = async (q: StatsCountQuery) => {
    // MeshView's rule: any of its parameters (unknown ones do not count) asks for a window.
    const given = COUNT_PARAMETERS.some((name) => q[name] !== undefined);
    if (!given) return allTimeCount(db);
    const now = nowUs();
    const startUs = windowStartUs(now, q.period_type ?? 'day', q.length ?? 1);
    const filter: StatsFilter = {
      channel: channelFilter(q.channel),
      fromNode: q.from_node,
      toNode: q.to_node,
    };
    const counts = await windowCount(db, { startUs, nowUs: now, filter });
    if (q.packet_id === undefined) return counts;
    // MeshView's quirk, kept: `packet_id` picks the receptions only.
    return {
      total_packets: counts.total_packets,
      total_seen: await receptionsOf(db, q.packet_id),
    };
  };

  app.get<{ Querystring: StatsTopQuery }>(
    '/api/stats/top',
    {
      schema: {
        summary: 'Nodes by how often their packets were received in the window, a page at a time',
        querystring: StatsTopQuerySchema,
        response: { 200: StatsTopResponseSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await topSenders.page({
        period: q.period_type,
        length: q.length,
        channel: channelFilter(q.channel),
        limit: q.limit,
        offset: q.offset,
        sort: q.sort,
        order: q.order,
      });
      return { total: page.total, limit: q.limit, offset: q.offset, nodes: page.nodes };
    },
  );

  app.get<{ Querystring: SnapshotsQuery }>(
    '/api/snapshots/daily',
    {
      schema: {
        summary: 'The daily snapshots (node, packet and gateway counts), oldest first',
        querystring: SnapshotsQuerySchema,
        response: { 200: SnapshotsResponseSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return cached('snapshots', q, async () => ({
        data: await latestSnapshots(options.database.db, q.length ?? MAX_STATS_LENGTH),
      }));
    },
  );
  done();
};
