import type { FastifyPluginAsync } from 'fastify';
import type { SchemaWatch } from '../schema-watch.js';

/** `/health` (the process and the schema it sees) and `/ready` (503 while not at head). */
export const healthRoutes: FastifyPluginAsync<{ readonly watch: SchemaWatch }> = async (
  app,
  { watch },
) => {
  app.get('/health', async () => {
    const status = watch.latest;
    const { ready, reason } = watch.readiness;
    return {
      status: 'ok',
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
            owner_host: status.flag.ownerHost,
            owner_pid: status.flag.ownerPid,
            started_us: status.flag.startedUs,
            from_revision: status.flag.fromRevision,
            to_revision: status.flag.toRevision,
            last_error: status.flag.lastError,
          }
        : null,
    };
  });

  app.get('/ready', async (_request, reply) => {
    const { ready, reason } = watch.readiness;
    return reply.code(ready ? 200 : 503).send({ ready, reason });
  });
};
