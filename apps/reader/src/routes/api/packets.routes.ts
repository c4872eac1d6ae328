import type { FastifyPluginCallback, FastifySchema } from 'fastify';
import { PacketsQuerySchema, PacketsResponseSchema, type PacketsQuery } from '@meshview/api';
import type { DatabaseConnection } from '@meshview/db';
import { PortNum } from '@meshview/mesh/facts';
import { JsonText, type AnswerCache } from '../../http/answer-cache.js';
import type { PayloadCache } from '../../payload/payload-cache.js';
import type { PacketFilter } from '../../queries/packet-filter.js';
import { scanPackets } from '../../queries/packet-scan.js';
import { packetListQuery } from '../../queries/packet.queries.js';
import { packetJsonText } from './packet-json.js';

const SEQ_MESSAGE = /^seq \d+$/;

// Summary and tags are read by the OpenAPI collector; Fastify's schema type does not list them.
const schema: FastifySchema & Record<string, unknown> = {
  summary: 'Packets, newest first',
  tags: ['packets'],
  querystring: PacketsQuerySchema,
  response: { 200: PacketsResponseSchema },
};

/**
 * `GET /api/packets`: the newest packets, filtered, each with its payload rendered as MeshView
 * renders it (and decoded as data), plus `latest_import_time` for the next `since`.
 */
export const packetsRoutes: FastifyPluginCallback<{
  readonly database: DatabaseConnection;
  readonly payloads: PayloadCache;
  readonly answers: AnswerCache;
}> = (app, { database, payloads, answers }, done) => {
  app.get<{ Querystring: PacketsQuery }>('/api/packets', { schema }, async (request, reply) =>
    answers.answer(request, reply, async () => {
      const q = request.query;
      const filter: PacketFilter = {
        ...(q.packet_id !== undefined ? { packetId: q.packet_id } : {}),
        ...(q.since !== undefined ? { since: q.since } : {}),
        ...(q.before !== undefined ? { before: q.before } : {}),
        ...(q.portnum !== undefined ? { portnum: q.portnum } : {}),
        ...(q.from_node_id !== undefined ? { fromNodeId: q.from_node_id } : {}),
        ...(q.to_node_id !== undefined ? { toNodeId: q.to_node_id } : {}),
        ...(q.node_id !== undefined ? { nodeId: q.node_id } : {}),
        ...(q.channel !== undefined ? { channel: q.channel } : {}),
      };
      const needle = q.contains?.toLowerCase();
      // MeshView leaves out the `seq N` messages some nodes send when asked for text messages.
      const dropSeq = q.portnum === PortNum.TEXT_MESSAGE_APP;
      let rows;
      if (needle !== undefined || dropSeq) {
        rows = await scanPackets(database.db, filter, q.limit, (row) => {
          const shown = payloads.text(row);
          if (dropSeq && row.portnum === PortNum.TEXT_MESSAGE_APP && SEQ_MESSAGE.test(shown))
            return false;
          return needle === undefined || shown.toLowerCase().includes(needle);
        });
      } else {
        rows = await packetListQuery(database.db, filter, q.limit).execute();
      }
      let latest: number | null = null;
      for (const row of rows) {
        if (row.import_time_us !== null && (latest === null || row.import_time_us > latest)) {
          latest = row.import_time_us;
        }
      }
      // With nothing new, a poller keeps its place. Written here rather than by the schema's
      // serialiser: the rendered payloads go in as the cache keeps them (see packetJsonText).
      const packets = rows.map((row) => packetJsonText(row, payloads)).join(',');
      return new JsonText(
        `{"packets":[${packets}],"latest_import_time":${JSON.stringify(latest ?? q.since ?? null)}}`,
      );
    }),
  );
  done();
};
