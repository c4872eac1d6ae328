import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildConfig, type MqttConfig } from '@meshview/config';
import type { DatabaseConnection } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { createKeyRing, interpretEnvelope } from '@meshview/mesh';
import { createIngestPipeline } from '../../src/ingest/create-ingest-pipeline.js';
import { meshTraffic, type TrafficManifest } from '@meshview/sim';
import { DIALECTS } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';

const logger = createLogger({ name: 'test', level: 'silent' });

/** The id of the packet a message carries. */
function packetIdOf(topic: string, payload: Uint8Array): number {
  const result = interpretEnvelope(topic, payload, {
    keyRing: createKeyRing([]),
    skipNodeIds: new Set(),
    nowUs: 0,
  });
  if (result.kind !== 'packet') throw new Error(`not a packet: ${result.kind}`);
  return result.record.packet.id;
}
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

    it('never gives a packet an import time before one already stored, when the clock steps back', async () => {
      const database = await migrated(dialect, 'wired_clock');
      const newestUs = Date.now() * 1000 + 3_600_000_000;
      await database.db
        .insertInto('packet')
        .values({ id: 1, portnum: 1, import_time_us: newestUs, channel: 'LongFast' })
        .execute();
      const traffic = meshTraffic(Date.now() * 1000);
      // The wall clock an hour behind the stored packet (set wrong, or stepped back since).
      const now = (): number => newestUs / 1000 - 3_600_000;
      const { pipeline } = await createIngestPipeline({
        db: database.db,
        dialect,
        mqtt: DEFAULTS,
        logger,
        now,
      });
      for (const { topic, payload } of traffic.messages) await pipeline.handle(topic, payload);
      await pipeline.drain();
      const stored = await database.db
        .selectFrom('packet')
        .select(['id', 'import_time_us'])
        .where('id', '!=', 1)
        .execute();
      expect(stored.length).toBe(traffic.seenCount.size);
      // Every packet continues from the stored one's time, whatever the clock said.
      expect(stored.every((row) => row.import_time_us === newestUs)).toBe(true);
    });

    it('continues from the clock once it passes the newest stored time, never going back', async () => {
      const database = await migrated(dialect, 'wired_clock_step');
      const startUs = Date.now() * 1000;
      await database.db
        .insertInto('packet')
        .values({ id: 1, portnum: 1, import_time_us: startUs, channel: 'LongFast' })
        .execute();
      const traffic = meshTraffic(startUs);
      const half = Math.floor(traffic.messages.length / 2);
      // One ms a message, then a step back by ten seconds halfway.
      const readings = traffic.messages.map(
        (_, i) => startUs / 1000 + 1 + i - (i >= half ? 10_000 : 0),
      );
      const { pipeline } = await createIngestPipeline({
        db: database.db,
        dialect,
        mqtt: DEFAULTS,
        logger,
        now: () => readings.shift() ?? startUs / 1000,
      });
      // Each message in its own batch (its own commit), in the order they arrived.
      for (const { topic, payload } of traffic.messages) {
        await pipeline.handle(topic, payload);
        await pipeline.drain();
      }
      const stored = await database.db
        .selectFrom('packet')
        .select(['id', 'import_time_us'])
        .where('id', '!=', 1)
        .execute();
      const order = new Map<number, number>();
      traffic.messages.forEach((m, i) => {
        const id = packetIdOf(m.topic, m.payload);
        if (!order.has(id)) order.set(id, i);
      });
      const times = stored
        .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
        .map((row) => row.import_time_us!);
      expect(times.length).toBe(traffic.seenCount.size);
      expect(times[0]).toBeGreaterThan(startUs);
      for (let i = 1; i < times.length; i += 1) {
        expect(times[i]!, `packet ${i}`).toBeGreaterThanOrEqual(times[i - 1]!);
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
