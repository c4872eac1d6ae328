import type { FastifyPluginCallback, FastifyRequest, FastifySchema } from 'fastify';
import { StreamPacketsQuerySchema, type StreamPacketsQuery } from '@meshview/api';
import { ParameterError } from '../../http/parameter-error.js';
import type { PacketStreamHub } from '../../stream/packet-stream-hub.js';
import { parseStreamEventId, type StreamEventId } from '../../stream/stream-event-id.js';

const EVENT_ID_REASON = 'must be an event id: <import_time_us>:<id>, two decimal integers';

// Summary and tags are read by the OpenAPI collector; Fastify's schema type does not list them.
const schema: FastifySchema & Record<string, unknown> = {
  summary: 'New packets as they are stored, as server-sent events',
  description:
    'One `packet` event per new packet: `id: <import_time_us>:<id>`, `data:` the packet as ' +
    '/api/packets lists it. Resume with the Last-Event-ID header or `last_event_id`; ' +
    'a `: keep-alive` comment every 15 s. See docs/API.md.',
  tags: ['packets'],
  querystring: StreamPacketsQuerySchema,
  response: {
    200: {
      description: 'an endless event stream',
      content: {
        'text/event-stream': {
          schema: {
            type: 'string',
            description:
              'retry: <ms>, then events: id: <import_time_us>:<id> / event: packet / data: <packet JSON>',
          },
        },
      },
    },
  },
};

/** Where the client resumes: the `Last-Event-ID` header, else `last_event_id`; null for neither. */
function resumePoint(request: FastifyRequest<{ Querystring: StreamPacketsQuery }>) {
  const given = request.headers['last-event-id'];
  // Given twice, Node keeps both: not one id.
  const header = Array.isArray(given) ? given.join(', ') : given;
  // Browsers send the header only with a non-empty id; an empty one asks for no resume.
  if (header !== undefined && header !== '') {
    const at = parseStreamEventId(header);
    if (at === null) throw new ParameterError('Last-Event-ID', EVENT_ID_REASON, 'headers');
    return at;
  }
  const query = request.query.last_event_id;
  if (query === undefined) return null;
  const at = parseStreamEventId(query);
  if (at === null) throw new ParameterError('last_event_id', EVENT_ID_REASON);
  return at satisfies StreamEventId;
}

/**
 * `GET /api/stream/packets` (our addition): new packets pushed as server-sent events by the
 * reader's one {@link PacketStreamHub}; a `HEAD` answers the stream's headers only.
 */
export const streamRoutes: FastifyPluginCallback<{ readonly hub: PacketStreamHub }> = (
  app,
  { hub },
  done,
) => {
  app.get<{ Querystring: StreamPacketsQuery }>(
    '/api/stream/packets',
    { schema },
    async (request, reply) => {
      const resume = resumePoint(request);
      if (request.method === 'HEAD') {
        return reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache, no-transform')
          .send();
      }
      await hub.subscribe({
        resume,
        open: () => {
          reply.hijack();
          return reply.raw;
        },
      });
      return reply;
    },
  );
  done();
};
