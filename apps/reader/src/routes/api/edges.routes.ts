import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import { EdgesQuerySchema, EdgesResponseSchema, type Edge, type EdgesQuery } from '@meshview/api';
import { HOUR_US, type DatabaseConnection } from '@meshview/db';
import { PortNum } from '@meshview/mesh/facts';
import type { AnswerCache } from '../../http/answer-cache.js';
import type { PayloadCache } from '../../payload/payload-cache.js';
import { routeHops } from '../../payload/route-hops.js';
import { packetListQuery } from '../../queries/packet.queries.js';
import { neighborReport } from '../../payload/neighbor-report.js';
import { neighborReportsQuery } from '../../queries/neighbor-report.queries.js';
import {
  MAX_WINDOW_REPORTS,
  PACKET_ENDS_BATCH,
  packetEndsQuery,
  recentTraceroutesQuery,
  windowTraceroutesQuery,
} from '../../queries/traceroute.queries.js';
import { LinkTally } from './link-tally.js';
import { traceroutePaths } from './traceroute-paths.js';

/** MeshView's windows: traceroutes of the last 12 hours, the latest 50 NeighborInfo packets. */
const TRACEROUTE_WINDOW_US = 12 * HOUR_US;
const NEIGHBOR_PACKETS = 50;

type EdgeType = Edge['type'];

const schema: FastifySchema & Record<string, unknown> = {
  summary: 'Links between nodes, from recent traceroutes and NeighborInfo',
  tags: ['graph'],
  querystring: EdgesQuerySchema,
  response: { 200: EdgesResponseSchema },
};

/**
 * `GET /api/edges`: `{edges:[{from,to,type}]}`, each directed pair once (first kind found). With
 * `hours`, every report of that window, and per link its kinds, report count and SNR.
 */
export const edgesRoutes: FastifyPluginCallback<{
  readonly database: DatabaseConnection;
  readonly payloads: PayloadCache;
  readonly answers: AnswerCache;
}> = (app, { database, payloads, answers }, done) => {
  app.get<{ Querystring: EdgesQuery }>('/api/edges', { schema }, async (request, reply) =>
    answers.answer(request, reply, async () => {
      const { type, node_id: nodeFilter, hours } = request.query;
      const mine = (e: Edge) =>
        nodeFilter === undefined || e.from === nodeFilter || e.to === nodeFilter;
      if (hours !== undefined) {
        const window = await answers.part(`edges ${type ?? ''} ${hours}h`, () =>
          windowEdges(type, hours),
        );
        return { ...window, edges: window.edges.filter(mine) };
      }
      // Every node's view filters the same list: build it once per kind and reuse it with the answers.
      const all = await answers.part(`edges ${type ?? ''}`, () => allEdges(type));
      return { edges: all.filter(mine) };
    }),
  );

  /** The edges of this kind (or both), before the node filter. */
  async function allEdges(type: EdgeType | undefined): Promise<readonly Edge[]> {
    const edges = new Map<string, Edge>();
    const add = (from: number, to: number, kind: EdgeType) => {
      const key = `${from}>${to}`;
      if (!edges.has(key)) edges.set(key, { from, to, type: kind });
    };
    const addPath = (path: readonly number[]) => {
      for (let i = 1; i < path.length; i += 1) add(path[i - 1]!, path[i]!, 'traceroute');
    };

    if (type === undefined || type === 'traceroute') {
      const since = Date.now() * 1000 - TRACEROUTE_WINDOW_US;
      for (const row of await recentTraceroutesQuery(database.db, since).execute()) {
        const hops = routeHops(row.route);
        const paths = traceroutePaths({
          from: row.from_node_id,
          to: row.to_node_id,
          gatewayNodeId: row.gateway_node_id,
          done: Boolean(row.done),
          route: hops.route,
          routeBack: hops.routeBack,
        });
        addPath(paths.forward);
        addPath(paths.reverse);
      }
    }
    if (type === undefined || type === 'neighbor') {
      const packets = await packetListQuery(
        database.db,
        { portnum: PortNum.NEIGHBORINFO_APP },
        NEIGHBOR_PACKETS,
      ).execute();
      for (const packet of packets) {
        const info = payloads.render(packet).decoded as {
          neighbors?: { nodeId?: number }[];
        } | null;
        if (packet.from_node_id === null || info === null) continue;
        for (const neighbor of info.neighbors ?? []) {
          add(neighbor.nodeId ?? 0, packet.from_node_id, 'neighbor');
        }
      }
    }
    return [...edges.values()];
  }

  /** Every report of the last `hours` hours of this kind (or both), tallied per directed link. */
  async function windowEdges(type: EdgeType | undefined, hours: number) {
    const sinceUs = Date.now() * 1000 - hours * HOUR_US;
    const tally = new LinkTally();
    let truncated = false;
    if (type === undefined || type === 'traceroute') {
      const rows = await windowTraceroutesQuery(database.db, sinceUs).execute();
      truncated ||= rows.length === MAX_WINDOW_REPORTS;
      const ends = await packetEnds(rows.map((r) => r.packet_id));
      for (const row of rows) {
        const packet = row.packet_id === null ? undefined : ends.get(row.packet_id);
        tally.addTraceroute(
          row.packet_id ?? 0,
          row.import_time_us ?? sinceUs,
          {
            from: packet?.from_node_id ?? null,
            to: packet?.to_node_id ?? null,
            gatewayNodeId: row.gateway_node_id,
            done: Boolean(row.done),
          },
          routeHops(row.route),
        );
      }
    }
    if (type === undefined || type === 'neighbor') {
      const rows = await neighborReportsQuery(database.db, sinceUs, MAX_WINDOW_REPORTS).execute();
      truncated ||= rows.length === MAX_WINDOW_REPORTS;
      for (const row of rows) {
        if (row.from_node_id === null) continue;
        tally.addNeighborReport(
          row.id,
          row.import_time_us ?? sinceUs,
          row.from_node_id,
          neighborReport(row.payload),
        );
      }
    }
    return { edges: tally.edges(), since_us: sinceUs, truncated };
  }

  /** The ends of these packets by id, read by primary key in batches. */
  async function packetEnds(ids: readonly (number | null)[]) {
    const unique = [...new Set(ids.filter((id): id is number => id !== null))];
    const ends = new Map<number, { from_node_id: number | null; to_node_id: number | null }>();
    for (let i = 0; i < unique.length; i += PACKET_ENDS_BATCH) {
      const batch = unique.slice(i, i + PACKET_ENDS_BATCH);
      for (const row of await packetEndsQuery(database.db, batch).execute()) ends.set(row.id, row);
    }
    return ends;
  }
  done();
};
