import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import {
  PacketIdParamsSchema,
  PacketsSeenResponseSchema,
  type PacketIdParams,
} from '@meshview/api';
import type { DatabaseConnection } from '@meshview/db';
import type { AnswerCache } from '../../http/answer-cache.js';
import { notFound } from '../../http/error-body.js';
import { packetExists, packetSeenQuery } from '../../queries/packet-seen.queries.js';

const schema: FastifySchema & Record<string, unknown> = {
  summary: 'The gateways that heard a packet',
  tags: ['packets'],
  params: PacketIdParamsSchema,
  response: { 200: PacketsSeenResponseSchema },
};

/** `GET /api/packets_seen/{packet_id}`: every gateway report of a packet, newest first. */
export const packetsSeenRoutes: FastifyPluginCallback<{
  readonly database: DatabaseConnection;
  readonly answers: AnswerCache;
}> = (app, { database, answers }, done) => {
  app.get<{ Params: PacketIdParams }>(
    '/api/packets_seen/:packet_id',
    { schema },
    async (request, reply) => {
      const id = request.params.packet_id;
      const body = await answers.answer(request, reply, async () => {
        const rows = await packetSeenQuery(database.db, id).execute();
        if (rows.length === 0 && !(await packetExists(database.db, id))) return null;
        return { seen: rows };
      });
      return body ?? notFound(reply, `no packet ${id}`, 'packet_id');
    },
  );
  done();
};
