import type { FastifyPluginCallback } from 'fastify';
import { databaseUnavailableReason, type DatabaseConnection } from '@meshview/db';
import { formatBytes, readDatabaseHealth } from '../database-health.js';
import type { Release } from '../release.js';
import type { SchemaWatch } from '../schema-watch.js';
import type { PacketStreamHub } from '../stream/packet-stream-hub.js';

/** What `/health`, `/ready` and `/version` are given. */
export interface HealthRoutesOptions {
  readonly watch: SchemaWatch;
  readonly database: DatabaseConnection;
  readonly release: Release;
  /** The event stream, whose counters `/health` shows. */
  readonly stream: PacketStreamHub;
}

/**
 * `/health` (MeshView's fields, plus the schema, the migration flag, the writers' counters and the
 * event stream's; 503 `unhealthy` when the database cannot be queried), `/ready` (503 while the
 * schema is not the reader's head or a migration runs) and `/version`.
 */
export const healthRoutes: FastifyPluginCallback<HealthRoutesOptions> = (
  app,
  { watch, database, release, stream },
  done,
) => {
  app.get(
    '/health',
    { schema: { summary: 'the reader, its database and the writers' } },
    async (request, reply) => {
      const base = {
        timestamp: new Date().toISOString(),
        version: release.version,
        git_revision: release.gitRevision,
      };
      // One unhealthy answer, whatever made the database unreachable; `reason` is the database's
      // passing state (its file gone, locked, …), never a bug's internals.
      const unhealthy = (reason: string | undefined) =>
        reply.code(503).send({
          status: 'unhealthy',
          ...base,
          database: 'disconnected',
          error: 'the database cannot be queried',
          reason,
        });
      const problem = watch.databaseProblem;
      if (problem !== undefined) return unhealthy(problem);
      let health;
      try {
        health = await readDatabaseHealth(database);
      } catch (error) {
        request.log.error({ err: error }, 'health check: the database cannot be queried');
        return unhealthy(databaseUnavailableReason(error));
      }
      const status = watch.latest;
      const { ready, reason } = watch.readiness;
      return {
        status: 'ok',
        ...base,
        database: 'connected',
        seconds_since_last_message: health.secondsSinceLastMessage,
        ...(health.sizeBytes !== undefined
          ? { database_size: formatBytes(health.sizeBytes), database_size_bytes: health.sizeBytes }
          : {}),
        ready,
        reason,
        schema: {
          state: status?.state ?? null,
          current: status?.current ?? [],
          head: status?.head ?? null,
        },
        migration: status?.flag
          ? {
              in_progress: status.flag.inProgress,
              stale: status.flag.stale,
              owner_host: status.flag.ownerHost,
              owner_pid: status.flag.ownerPid,
              started_us: status.flag.startedUs,
              from_revision: status.flag.fromRevision,
              to_revision: status.flag.toRevision,
              last_error: status.flag.lastError,
            }
          : null,
        writers: health.writers,
        stream: stream.health,
      };
    },
  );

  app.get(
    '/ready',
    { schema: { summary: '200 when the schema is current, else 503' } },
    async (_request, reply) => {
      const { ready, reason } = watch.readiness;
      return reply.code(ready ? 200 : 503).send({ ready, reason });
    },
  );

  app.get('/version', { schema: { summary: 'the running version and commit' } }, () => ({
    version: release.version,
    release_date: release.releaseDate,
    git_revision: release.gitRevision,
    git_revision_short: release.gitRevisionShort,
  }));
  done();
};
