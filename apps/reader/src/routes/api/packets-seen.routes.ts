import type { FastifyPluginAsync, FastifySchema } from 'fastify';
import type { DatabaseConnection } from '@meshview/db';
import type { AnswerCache } from '../../http/answer-cache.js';
import { notFound } from '../../http/error-body.js';
import { packetIdParam, paramsSchema } from '../../http/param-schemas.js';
import { packetExists, packetSeenQuery } from '../../queries/packet-seen.queries.js';

const schema: FastifySchema & Record<string, unknown> = {
  summary: 'The gateways that heard a packet',
  tags: ['packets'],
  params: paramsSchema({ packet_id: packetIdParam('the packet') }, ['packet_id']),
};

/** `GET /api/packets_seen/{packet_id}`: every gateway report of a packet, newest first. */
export const packetsSeenRoutes: FastifyPluginAsync<{
  readonly database: DatabaseConnection;
  readonly answers: AnswerCache;
}> = async (app, { database, answers }) => {
  app.get<{ Params: { packet_id: number } }>(
    '/api/packets_seen/:packet_id',
    { schema },
    async (request, reply) => {
      const id = request.params.packet_id;
      const body = await answers.answer(request, reply, async () => {
        const rows = await packetSeenQuery(database.db, id).execute();
        if (rows.length === 0 && !(await packetExists(database.db, id))) return null;
        return {
          seen: rows.map((r) => ({
            packet_id: r.packet_id,
            node_id: r.node_id,
            rx_time: r.rx_time,
            hop_limit: r.hop_limit,
            hop_start: r.hop_start,
            channel: r.channel,
            rx_snr: r.rx_snr,
            rx_rssi: r.rx_rssi,
            topic: r.topic,
            import_time_us: r.import_time_us,
          })),
        };
      });
      return body ?? notFound(reply, `no packet ${id}`, 'packet_id');
    },
  );
};
