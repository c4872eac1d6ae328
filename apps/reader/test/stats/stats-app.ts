import Fastify, { type FastifyInstance } from 'fastify';
import { buildConfig, parseIni } from '@meshview/config';
import { openDatabase, type DatabaseConnection } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { installErrorHandling } from '../../src/http/error-handling.js';
import { addIntegerKeyword } from '../../src/http/integer-keyword.js';
import { statsRoutes } from '../../src/routes/api/stats.routes.js';
import { freshDatabaseUrl, type DialectUnderTest } from '#test/databases.js';

/** A migrated database, filled by `seed` through a writable handle, and a read-only handle on it. */
export interface StatsDatabase {
  readonly writer: DatabaseConnection;
  readonly reader: DatabaseConnection;
  readonly url: string;
  close(): Promise<void>;
}

/** A fresh database of `dialect` at head, seeded, with the reader's read-only connection. */
export async function statsDatabase(
  dialect: DialectUnderTest,
  name: string,
  seed: (writer: DatabaseConnection) => Promise<void>,
): Promise<StatsDatabase> {
  const url = await freshDatabaseUrl(dialect, name);
  const writer = await openDatabase(url);
  const migrator = await createMeshviewMigrator({ dialect: writer.dialect, db: writer.db });
  await migrator.upgrade('head');
  await seed(writer);
  const reader = await openDatabase(url, { readOnly: true });
  return {
    writer,
    reader,
    url,
    close: async () => {
      await reader.close();
      await writer.close();
    },
  };
}

/**
 * The statistics routes on a stopped clock (`nowMs`), with the reader's parameter parsing and
 * error handling, as `buildApp` installs them: so that windows are exact whatever the hour.
 */
export async function statsApp(
  database: DatabaseConnection,
  nowMs: number,
): Promise<FastifyInstance> {
  const app = Fastify({ ajv: { plugins: [addIntegerKeyword] } }) as unknown as FastifyInstance;
  installErrorHandling(app);
  const config = buildConfig({ ini: parseIni('', 'stats.ini') });
  await app.register(statsRoutes, { database, config, now: () => nowMs });
  await app.ready();
  return app;
}
