/**
 * The reader benchmark's requests: for each list route, paths whose parameters are drawn at
 * random from the database (node ids, packet ids, traceroute ids, channels, ports) and from the
 * windows the pages offer, so that no run asks the same question again and again and the answer
 * reuse serves only what real traffic would let it serve.
 */
import { sql } from 'kysely';
import type { DatabaseConnection } from '@meshview/db';

/** What the random parameters are drawn from, read once from the database. */
export interface ParameterPools {
  /** Every node number. */
  readonly nodes: readonly number[];
  /** A random sample of packet ids. */
  readonly packets: readonly number[];
  /** A random sample of the ids of traceroute packets. */
  readonly traceroutes: readonly number[];
  readonly channels: readonly string[];
  readonly ports: readonly number[];
}

/** A route of the benchmark and how its paths are made. */
export interface RouteRequests {
  readonly name: string;
  /**
   * `id`: keyed by a random id, measured with the answer reuse off (the must-meet
   * routes, and `/api/node/{id}/receptions`); `mesh`: the whole mesh's lists and statistics,
   * measured with the reuse on and their windows varied, their uncached cost reported apart.
   */
  readonly kind: 'id' | 'mesh';
  /** A path, from the random numbers `random` gives (0 ≤ x < 1). */
  readonly path: (random: () => number, pools: ParameterPools) => string;
}

const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)]!;
const between = (random: () => number, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));
/** `?a=1&b=2` from the defined entries. */
const query = (entries: Record<string, string | number | undefined>): string => {
  const parts = Object.entries(entries)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
};
/** `value` with probability `p`, else undefined. */
const sometimes = <T>(random: () => number, p: number, value: () => T): T | undefined =>
  random() < p ? value() : undefined;
/** A statistics window. */
type Window = {
  readonly period_type: 'hour' | 'day';
  readonly length: number;
};
/** The windows the pages ask for (the top page's five, the statistics page's 24 h and 14 days). */
const PAGE_WINDOWS: readonly Window[] = [
  { period_type: 'hour', length: 1 },
  { period_type: 'hour', length: 6 },
  { period_type: 'hour', length: 24 },
  { period_type: 'day', length: 3 },
  { period_type: 'day', length: 7 },
  { period_type: 'day', length: 14 },
];
/**
 * Windows other clients ask for (dashboards and scripts): each polls one window of its own, so a
 * few, not a new one per request.
 */
const SCRIPT_WINDOWS: readonly Window[] = [
  { period_type: 'hour', length: 2 },
  { period_type: 'hour', length: 12 },
  { period_type: 'day', length: 2 },
  { period_type: 'day', length: 10 },
];
/** A window: nine in ten as a page asks (what visitors click), one in ten a script's. */
const window = (random: () => number): Window =>
  pick(random, random() < 0.9 ? PAGE_WINDOWS : SCRIPT_WINDOWS);
/** `/api/nodes?days_active=` as the node list and the map offer it (1, 3, 7, 30, all), or a script's. */
const daysActive = (random: () => number): number | undefined =>
  random() < 0.9 ? pick(random, [1, 3, 3, 7, 30, undefined]) : pick(random, [2, 14]);

/** The routes in the order they are measured. */
export const ROUTE_REQUESTS: readonly RouteRequests[] = [
  {
    name: '/api/packets?node_id=',
    kind: 'id',
    path: (r, p) => `/api/packets${query({ node_id: pick(r, p.nodes) })}`,
  },
  {
    // The node page's packet table asks for 100 at a time.
    name: '/api/packets?node_id=&limit=100',
    kind: 'id',
    path: (r, p) => `/api/packets${query({ node_id: pick(r, p.nodes), limit: 100 })}`,
  },
  {
    name: '/api/packets?packet_id=',
    kind: 'id',
    path: (r, p) => `/api/packets${query({ packet_id: pick(r, p.packets) })}`,
  },
  {
    name: '/api/packets_seen/{id}',
    kind: 'id',
    path: (r, p) => `/api/packets_seen/${pick(r, p.packets)}`,
  },
  {
    name: '/api/traceroute/{id}',
    kind: 'id',
    path: (r, p) => `/api/traceroute/${pick(r, p.traceroutes)}`,
  },
  {
    name: '/api/nodes?node_id=',
    kind: 'id',
    path: (r, p) => `/api/nodes${query({ node_id: pick(r, p.nodes) })}`,
  },
  {
    name: '/api/node/{id}/receptions',
    kind: 'id',
    path: (r, p) => `/api/node/${pick(r, p.nodes)}/receptions${query({ days: between(r, 1, 7) })}`,
  },
  {
    name: '/api/nodes',
    kind: 'mesh',
    path: (r, p) =>
      `/api/nodes${query({
        days_active: daysActive(r),
        channel: sometimes(r, 0.2, () => pick(r, p.channels)),
        role: sometimes(r, 0.1, () => pick(r, ['ROUTER', 'CLIENT', 'CLIENT_MUTE'])),
      })}`,
  },
  {
    name: '/api/packets',
    kind: 'mesh',
    path: (r, p) =>
      `/api/packets${query({
        limit: pick(r, [50, 50, 100, 200]),
        portnum: sometimes(r, 0.4, () => pick(r, p.ports)),
        channel: sometimes(r, 0.2, () => pick(r, p.channels)),
      })}`,
  },
  {
    name: '/api/edges',
    kind: 'mesh',
    path: (r, p) =>
      `/api/edges${query({
        type: sometimes(r, 0.5, () => pick(r, ['traceroute', 'neighbor'])),
        node_id: sometimes(r, 0.5, () => pick(r, p.nodes)),
      })}`,
  },
  {
    name: '/api/channels',
    kind: 'mesh',
    path: (r) => `/api/channels${query(window(r))}`,
  },
  {
    name: '/api/stats',
    kind: 'mesh',
    path: (r, p) =>
      `/api/stats${query({
        ...window(r),
        channel: sometimes(r, 0.2, () => pick(r, p.channels)),
        portnum: sometimes(r, 0.2, () => pick(r, p.ports)),
        from_node: sometimes(r, 0.2, () => pick(r, p.nodes)),
      })}`,
  },
  {
    name: '/api/stats/count',
    kind: 'mesh',
    path: (r, p) =>
      `/api/stats/count${query({
        ...window(r),
        channel: sometimes(r, 0.3, () => pick(r, p.channels)),
      })}`,
  },
  {
    name: '/api/stats/top',
    kind: 'mesh',
    path: (r, p) =>
      `/api/stats/top${query({
        ...window(r),
        offset: pick(r, [0, 0, 0, 20, 40]),
        channel: sometimes(r, 0.2, () => pick(r, p.channels)),
      })}`,
  },
  {
    name: '/api/snapshots/daily',
    kind: 'mesh',
    path: (r) => `/api/snapshots/daily${query({ length: pick(r, [7, 30, 90, 365, undefined]) })}`,
  },
];

/** Reads the pools from the database: every node, and random samples of the rest. */
export async function parameterPools(
  database: DatabaseConnection,
  samples: number,
): Promise<ParameterPools> {
  const db = database.db;
  const numbers = async (statement: ReturnType<typeof sql<{ v: number }>>): Promise<number[]> =>
    (await statement.execute(db)).rows.map((row) => Number(row.v));
  const nodes = await numbers(sql<{ v: number }>`SELECT node_id AS v FROM node`);
  const packets = await numbers(
    sql<{ v: number }>`SELECT id AS v FROM packet ORDER BY random() LIMIT ${samples}`,
  );
  const traceroutes = await numbers(
    sql<{
      v: number;
    }>`SELECT packet_id AS v FROM traceroute GROUP BY packet_id ORDER BY random() LIMIT ${samples}`,
  );
  const channels = (
    await sql<{
      v: string;
    }>`SELECT DISTINCT channel AS v FROM node WHERE channel IS NOT NULL`.execute(db)
  ).rows.map((row) => row.v);
  const ports = await numbers(sql<{ v: number }>`SELECT DISTINCT portnum AS v FROM stats_daily`);
  if (nodes.length === 0 || packets.length === 0 || traceroutes.length === 0) {
    throw new Error('the benchmark database has no nodes, packets or traceroutes');
  }
  return { nodes, packets, traceroutes, channels, ports };
}
