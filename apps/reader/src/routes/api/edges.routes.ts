import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import { EdgesQuerySchema, EdgesResponseSchema, type Edge, type EdgesQuery } from '@meshview/api';
import { HOUR_US, type DatabaseConnection } from '@meshview/db';
import { PortNum } from '@meshview/mesh/facts';
import type { AnswerCache } from '../../http/answer-cache.js';
import type { PayloadCache } from '../../payload/payload-cache.js';
import { routeHops } from '../../payload/route-hops.js';
import { packetListQuery } from '../../queries/packet.queries.js';
import { recentTraceroutesQuery } from '../../queries/traceroute.queries.js';
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

/** `GET /api/edges`: `{edges:[{from,to,type}]}`, each directed pair once (first kind found). */
export const edgesRoutes: FastifyPluginCallback<{
  readonly database: DatabaseConnection;
  readonly payloads: PayloadCache;
  readonly answers: AnswerCache;
}> = (app, { database, payloads, answers }, done) => {
  app.get<{ Querystring: EdgesQuery }>('/api/edges', { schema }, async (request, reply) =>
    answers.answer(request, reply, async () => {
      const { type, node_id: nodeFilter } = request.query;
      // Every node's view filters the same list: build it once per kind and reuse it with the answers.
      const all = await answers.part(`edges ${type ?? ''}`, () => allEdges(type));
      return {
        edges: all.filter(
          (e) => nodeFilter === undefined || e.from === nodeFilter || e.to === nodeFilter,
        ),
      };
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
  done();
};
