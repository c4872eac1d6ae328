import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '@meshview/config';
import type { DatabaseConnection } from '@meshview/db';
import { statsRoutes } from './api/stats.routes.js';

/** What the JSON API's routes are given: the reader's read-only database and its config. */
export interface ApiRoutesOptions {
  /** Opened read-only: a request can never write through it. */
  readonly database: DatabaseConnection;
  readonly config: Config;
}

/** MeshView's JSON data routes (`/api/nodes`, `/api/packets`, …), registered by `buildApp`. */
export const apiRoutes: FastifyPluginAsync<ApiRoutesOptions> = async (app, options) => {
  await app.register(statsRoutes, options);
};
