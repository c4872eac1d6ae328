import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import { PacketIdParamsSchema, TracerouteResponseSchema, type PacketIdParams } from '@meshview/api';
import type { DatabaseConnection } from '@meshview/db';
import type { AnswerCache } from '../../http/answer-cache.js';
import { notFound } from '../../http/error-body.js';
import { hopSnrDb, linkSnrs } from '../../payload/hop-snr.js';
import { routeHops } from '../../payload/route-hops.js';
import { packetListQuery } from '../../queries/packet.queries.js';
import { tracerouteReportsQuery } from '../../queries/traceroute.queries.js';
import { traceroutePaths } from './traceroute-paths.js';

const schema: FastifySchema & Record<string, unknown> = {
  summary: "A traceroute packet's reports and paths",
  tags: ['traceroute'],
  params: PacketIdParamsSchema,
  response: { 200: TracerouteResponseSchema },
};

/** Distinct paths with how many reports took each, most taken first (ties: first seen first). */
function uniquePaths(paths: readonly (readonly number[])[]) {
  const counts = new Map<string, { path: readonly number[]; count: number }>();
  for (const path of paths) {
    if (path.length === 0) continue;
    const key = path.join(',');
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { path, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

/** `GET /api/traceroute/{packet_id}`: every gateway's report of a traceroute and its paths. */
export const tracerouteRoutes: FastifyPluginCallback<{
  readonly database: DatabaseConnection;
  readonly answers: AnswerCache;
}> = (app, { database, answers }, done) => {
  app.get<{ Params: PacketIdParams }>(
    '/api/traceroute/:packet_id',
    { schema },
    async (request, reply) => {
      const id = request.params.packet_id;
      const body = await answers.answer(request, reply, async () => {
        const [packet] = await packetListQuery(database.db, { packetId: id }, 1).execute();
        if (packet === undefined) return null;
        const reports = (await tracerouteReportsQuery(database.db, id).execute()).map((row) => ({
          row,
          hops: routeHops(row.route),
        }));
        const groups = reports.map(({ row, hops }, index) => ({
          index,
          gateway_node_id: row.gateway_node_id,
          done: Boolean(row.done),
          forward_hops: hops.route,
          reverse_hops: hops.routeBack,
          snr_towards: hops.snrTowards.map(hopSnrDb),
          snr_back: hops.snrBack.map(hopSnrDb),
        }));
        const winner = reports.find(({ row }) => Boolean(row.done));
        const paths = winner
          ? traceroutePaths({
              from: packet.from_node_id,
              to: packet.to_node_id,
              gatewayNodeId: winner.row.gateway_node_id,
              done: true,
              route: winner.hops.route,
              routeBack: winner.hops.routeBack,
              snrBack: winner.hops.snrBack,
            })
          : undefined;
        const forward = paths?.forward.length ? paths.forward : null;
        const reverse = paths?.reverse.length ? paths.reverse : null;
        return {
          packet: {
            id: packet.id,
            from: packet.from_node_id,
            to: packet.to_node_id,
            channel: packet.channel,
            import_time_us: packet.import_time_us,
          },
          traceroute_packets: groups,
          unique_forward_paths: uniquePaths(groups.map((g) => g.forward_hops)),
          unique_reverse_paths: uniquePaths(groups.map((g) => g.reverse_hops)),
          winning_paths: {
            forward,
            reverse,
            forward_snr:
              winner && forward ? linkSnrs(winner.hops.snrTowards, forward.length - 1) : null,
            reverse_snr:
              winner && reverse ? linkSnrs(winner.hops.snrBack, reverse.length - 1) : null,
          },
        };
      });
      return body ?? notFound(reply, `no packet ${id}`, 'packet_id');
    },
  );
  done();
};
