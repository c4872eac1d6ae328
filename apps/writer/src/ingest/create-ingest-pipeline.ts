import { sql, type Kysely } from 'kysely';
import type { MqttConfig } from '@meshview/config';
import type { Database, DialectName } from '@meshview/db';
import type { Logger } from '@meshview/log';
import { createKeyRing, interpretEnvelope } from '@meshview/mesh';
import { PacketStore } from '../storage/packet-store.js';
import { ImportClock } from './import-clock.js';
import { IngestCounters } from './ingest-counters.js';
import { IngestPipeline } from './ingest-pipeline.js';
import { RateLimiter } from './rate-limiter.js';
import type { IngestObservations } from './ingest-observations.js';

/** How far behind the newest stored import time the clock may be before the writer warns. */
const CLOCK_BEHIND_WARNING_US = 60_000_000;

/** What {@link createIngestPipeline} wires together. */
export interface CreateIngestPipelineProps {
  /** A connection of the pipeline's own: on SQLite its automatic checkpoints are turned off. */
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** The `[mqtt]` settings decoding and the per-node limit follow. */
  readonly mqtt: Pick<
    MqttConfig,
    'secondaryKeys' | 'skipNodeIds' | 'rateLimitPerNode' | 'rateLimitWindowS'
  >;
  /** How far back a packet id counts as reused by another sender (see `PacketStore`). */
  readonly reuseWindowUs?: number | null;
  readonly logger: Logger;
  /** The wall clock import times are read from, in ms; `Date.now` by default. */
  readonly now?: () => number;
  /** Told of each message and batch, for the metrics. */
  readonly observations?: IngestObservations;
}

/** A wired pipeline: feed it through `pipeline.handle`; `counters` say what became of it all. */
export interface WiredIngestPipeline {
  readonly pipeline: IngestPipeline;
  readonly counters: IngestCounters;
}

/**
 * The writer's decode-and-store pipeline, wired the one way the ingest thread runs it (and the
 * pipeline benchmark measures it): the channel keys' ring (a key listed twice is logged),
 * `interpretEnvelope` with the nodes to skip, the per-node rate limit, the counters, an
 * `ImportClock` that continues from the newest stored import time, and a `PacketStore` on `db`.
 * On SQLite the connection's automatic WAL checkpoints are turned off: a `WalCheckpointer` on
 * another connection runs them, outside the pipeline's commits.
 *
 * @example
 * const { db, dialect } = await openDatabase(config.database.connectionString);
 * const { pipeline, counters } = await createIngestPipeline({ db, dialect, mqtt, logger });
 * new MqttSource({ mqtt, onMessage: pipeline.handle, logger });
 */
export async function createIngestPipeline(
  props: CreateIngestPipelineProps,
): Promise<WiredIngestPipeline> {
  const { db, dialect, mqtt, logger } = props;
  const keyRing = createKeyRing(mqtt.secondaryKeys);
  for (const key of keyRing.keys) {
    if (key.duplicateOf !== null) {
      logger.warn(
        { key: key.index, same: key.duplicateOf },
        '[mqtt] secondary_keys: a key is listed twice',
      );
    }
  }
  const skipNodeIds: ReadonlySet<number> = new Set(mqtt.skipNodeIds);
  if (dialect === 'sqlite') await sql.raw('PRAGMA wal_autocheckpoint = 0').execute(db);
  const store = await PacketStore.open({ db, dialect, reuseWindowUs: props.reuseWindowUs ?? null });
  // Import times continue from the newest stored, whatever the clock says now (issue 13).
  const newest = await db
    .selectFrom('packet')
    .select((eb) => eb.fn.max('import_time_us').as('newest'))
    .executeTakeFirst();
  const floorUs = newest?.newest ?? null;
  const now = props.now ?? Date.now;
  if (floorUs !== null && floorUs - now() * 1000 > CLOCK_BEHIND_WARNING_US) {
    logger.warn(
      { newestImportTimeUs: floorUs, clockUs: now() * 1000 },
      'the newest stored packet is newer than this clock: new packets get its import time ' +
        'until the clock passes it (is the clock right?)',
    );
  }
  const importClock = new ImportClock({ floorUs, now });
  const counters = new IngestCounters();
  const pipeline = new IngestPipeline({
    interpret: (topic, payload, nowUs) =>
      interpretEnvelope(topic, payload, { keyRing, skipNodeIds, nowUs }),
    sink: store,
    counters,
    rateLimiter: new RateLimiter({
      limit: mqtt.rateLimitPerNode,
      windowMs: mqtt.rateLimitWindowS * 1000,
    }),
    logger,
    importClock,
    ...(props.observations ? { observations: props.observations } : {}),
  });
  return { pipeline, counters };
}
