import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildConfig, type MqttConfig } from '@meshview/config';
import type { DatabaseConnection } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { createIngestPipeline } from '../../src/ingest/create-ingest-pipeline.js';
import { meshTraffic, type TrafficManifest } from '@meshview/sim';
import { DIALECTS } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';

const logger = createLogger({ name: 'test', level: 'silent' });
const DEFAULTS = buildConfig().mqtt;

/** Feeds every message of `traffic` through a pipeline wired for `mqtt`; its counters after. */
async function ingest(database: DatabaseConnection, mqtt: MqttConfig, traffic: TrafficManifest) {
  const { db, dialect } = database;
  const { pipeline, counters } = await createIngestPipeline({ db, dialect, mqtt, logger });
  for (const { topic, payload } of traffic.messages) await pipeline.handle(topic, payload);
  await pipeline.drain();
  return counters.snapshot();
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`createIngestPipeline on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const migrated = migratedDatabases();

    it('decodes, counts and stores every message, as the ingest thread runs it', async () => {
      const database = await migrated(dialect, 'wired_pipeline');
      const traffic = meshTraffic(Date.now() * 1000);
      const counters = await ingest(database, DEFAULTS, traffic);
      expect(counters.received).toBe(traffic.messages.length);
      expect(counters.stored).toBe(traffic.seenCount.size);
      expect(counters.stored + counters.duplicates).toBe(traffic.messages.length);
      const { n } = await database.db
        .selectFrom('packet')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(n).toBe(traffic.seenCount.size);
      if (dialect === 'sqlite') {
        // Checkpoints are the WalCheckpointer's, on another connection.
        const { rows } = await sql<{
          wal_autocheckpoint: number;
        }>`PRAGMA wal_autocheckpoint`.execute(database.db);
        expect(rows).toEqual([{ wal_autocheckpoint: 0 }]);
      }
    });

    it("follows [mqtt]'s per-node rate limit", async () => {
      const database = await migrated(dialect, 'wired_limit');
      const traffic = meshTraffic(Date.now() * 1000);
      const limited = { ...DEFAULTS, rateLimitPerNode: 1, rateLimitWindowS: 3600 };
      const counters = await ingest(database, limited, traffic);
      expect(counters.rate_limited).toBeGreaterThan(0);
      expect(counters.stored + counters.duplicates + counters.rate_limited).toBe(
        traffic.messages.length,
      );
    });
  });
}
