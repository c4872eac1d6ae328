import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '@meshview/config';
import type { DatabaseConnection } from '@meshview/db';
import { AnswerCache, type AnswerCacheProps } from '../http/answer-cache.js';
import type { PayloadCache } from '../payload/payload-cache.js';
import type { PacketStreamHub } from '../stream/packet-stream-hub.js';
import { edgesRoutes } from './api/edges.routes.js';
import { impersonationCheckRoutes } from './api/impersonation-check.routes.js';
import { nodeQrRoutes } from './api/node-qr.routes.js';
import { nodeReceptionsRoutes } from './api/node-receptions.routes.js';
import { nodesRoutes } from './api/nodes.routes.js';
import { packetsSeenRoutes } from './api/packets-seen.routes.js';
import { packetsRoutes } from './api/packets.routes.js';
import { tracerouteRoutes } from './api/traceroute.routes.js';
import { statsRoutes } from './api/stats.routes.js';
import { streamRoutes } from './api/stream.routes.js';

/** What the JSON API's routes are given: the reader's read-only database and its config. */
export interface ApiRoutesOptions {
  /** Opened read-only: a request can never write through it. */
  readonly database: DatabaseConnection;
  readonly config: Config;
  /** How the data routes' answers are reused (defaults: see {@link AnswerCache}). */
  readonly answerCache?: AnswerCacheProps;
  /** How long the statistics routes reuse an answer (5 s by default; 0 turns it off). */
  readonly statsCacheTtlMs?: number;
  /** Rendered payloads, shared by `/api/packets`, `/api/edges` and the event stream. */
  readonly payloads: PayloadCache;
  /** The event stream's one reader of new packets. */
  readonly stream: PacketStreamHub;
}

/** MeshView's JSON data routes (`/api/nodes`, `/api/packets`, …), registered by `buildApp`. */
export const apiRoutes: FastifyPluginAsync<ApiRoutesOptions> = async (app, options) => {
  const { database, payloads } = options;
  const answers = new AnswerCache(options.answerCache);
  await app.register(nodesRoutes, { database, answers });
  await app.register(packetsRoutes, { database, payloads, answers });
  await app.register(packetsSeenRoutes, { database, answers });
  await app.register(edgesRoutes, { database, payloads, answers });
  await app.register(tracerouteRoutes, { database, answers });
  await app.register(nodeQrRoutes, { database });
  await app.register(impersonationCheckRoutes, { database });
  await app.register(nodeReceptionsRoutes, { database, answers });
  await app.register(statsRoutes, {
    database,
    config: options.config,
    ...(options.statsCacheTtlMs !== undefined ? { cacheTtlMs: options.statsCacheTtlMs } : {}),
    ...(options.answerCache?.counts ? { counts: options.answerCache.counts } : {}),
  });
  await app.register(streamRoutes, { hub: options.stream });
};
