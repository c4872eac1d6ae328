import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { WRITER_COUNTERS, type WriterCounter } from '@meshview/db';
import type { BatchObservation } from '../ingest/ingest-observations.js';

/** What the writer's metrics read, when scraped. */
export interface WriterMetricsSource {
  /** The counters' totals (the same the minute log line and `writer_stats` show). */
  counters(): Readonly<Partial<Record<WriterCounter, number>>>;
  /** Records taken and not yet committed. */
  held(): number;
  /** When the last message arrived (ms since the epoch); null: none yet. */
  lastMessageAt(): number | null;
  /** Calls `listener` with each report's written batches. */
  onBatches(listener: (batches: readonly BatchObservation[]) => void): void;
}

const COUNTER_HELP: Record<WriterCounter, string> = {
  received: 'Messages received from MQTT.',
  stored: 'New packets stored.',
  duplicates: 'Reports of packets already stored (another gateway, or the same again).',
  undecryptable: 'Packets no channel key opens (stored with their ciphertext).',
  malformed: 'Messages that are no ServiceEnvelope (or too big), dropped.',
  skipped: 'Messages skipped: from [mqtt] skip_node_ids, or not a mesh packet.',
  rate_limited: 'Messages dropped by [mqtt] rate_limit_per_node.',
  dropped: 'Records the database refused for their data, dropped.',
  reconnects: 'Reconnections to the MQTT broker.',
};

/**
 * The writer's Prometheus registry: `meshview_writer_<counter>_total` for each ingest counter,
 * batch sizes and commit times (histograms), the records held (queue depth), the seconds since
 * the last message, and Node's process metrics (`meshview_writer_process_*`, `…_nodejs_*`).
 */
export function createWriterMetrics(
  source: WriterMetricsSource,
  startedAt: number = Date.now(),
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'meshview_writer_' });
  for (const name of WRITER_COUNTERS) {
    new Counter({
      name: `meshview_writer_${name}_total`,
      help: COUNTER_HELP[name],
      registers: [registry],
      collect() {
        // The totals are counted on the ingest thread; this mirrors them.
        this.reset();
        this.inc(source.counters()[name] ?? 0);
      },
    });
  }
  const batchSize = new Histogram({
    name: 'meshview_writer_batch_size_records',
    help: 'Records per batch written in one transaction.',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [registry],
  });
  const commit = new Histogram({
    name: 'meshview_writer_commit_duration_seconds',
    help: "Seconds a batch's transaction took, from its first statement to its commit.",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  source.onBatches((batches) => {
    for (const [size, seconds] of batches) {
      batchSize.observe(size);
      commit.observe(seconds);
    }
  });
  new Gauge({
    name: 'meshview_writer_queue_depth_records',
    help: 'Records taken and not yet committed (what a crash now could lose).',
    registers: [registry],
    collect() {
      this.set(source.held());
    },
  });
  new Gauge({
    name: 'meshview_writer_seconds_since_last_message',
    help: 'Seconds since the last MQTT message arrived (since the start while none has).',
    registers: [registry],
    collect() {
      this.set((Date.now() - (source.lastMessageAt() ?? startedAt)) / 1000);
    },
  });
  return registry;
}
