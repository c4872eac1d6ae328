import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StreamHealth } from '@meshview/api';
import type { AnswerCacheCounts } from '../http/answer-cache.js';
import type { SchemaWatch } from '../schema-watch.js';

/**
 * The reader's Prometheus metrics: HTTP request durations by route pattern, method and status
 * class; the event stream's subscribers, polls and slow clients dropped; the answer cache's hits
 * and misses; the schema's state and revision as the reader last read them; and Node's process
 * metrics (`meshview_reader_process_*`, `…_nodejs_*`). `buildApp` wires it in.
 */
export class ReaderMetrics {
  readonly registry = new Registry();
  /** Told by the answer cache of each lookup. */
  readonly answerCounts: AnswerCacheCounts;
  readonly #requests: Histogram<'method' | 'route' | 'status_class'>;
  #stream: { readonly health: StreamHealth } | undefined;

  constructor(props: { readonly watch: Pick<SchemaWatch, 'latest' | 'readiness'> }) {
    const registers = [this.registry];
    const { watch } = props;
    collectDefaultMetrics({ register: this.registry, prefix: 'meshview_reader_' });
    this.#requests = new Histogram({
      name: 'meshview_reader_http_request_duration_seconds',
      help: 'HTTP requests by route pattern (not the raw URL), method and status class, and how long they took (an event stream: how long it stayed open).',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const hits = new Counter({
      name: 'meshview_reader_answer_cache_hits_total',
      help: 'API answers reused (data routes for 1 s, statistics for 5 s).',
      registers,
    });
    const misses = new Counter({
      name: 'meshview_reader_answer_cache_misses_total',
      help: 'API answers computed (not reused).',
      registers,
    });
    this.answerCounts = { hit: () => hits.inc(), miss: () => misses.inc() };
    const stream = (): StreamHealth | undefined => this.#stream?.health;
    new Gauge({
      name: 'meshview_reader_stream_subscribers',
      help: 'Clients connected to the event stream (/api/stream/packets).',
      registers,
      collect() {
        this.set(stream()?.subscribers ?? 0);
      },
    });
    new Counter({
      name: 'meshview_reader_stream_polls_total',
      help: "The event stream's reads of new packets.",
      registers,
      collect() {
        this.reset();
        this.inc(stream()?.polls ?? 0);
      },
    });
    new Counter({
      name: 'meshview_reader_stream_dropped_slow_total',
      help: 'Event stream clients dropped for not reading (stream_max_buffered_bytes).',
      registers,
      collect() {
        this.reset();
        this.inc(stream()?.dropped_slow ?? 0);
      },
    });
    new Gauge({
      name: 'meshview_reader_ready',
      help: '1 when the reader is ready (/ready answers 200), else 0.',
      registers,
      collect() {
        this.set(watch.readiness.ready ? 1 : 0);
      },
    });
    new Gauge({
      name: 'meshview_reader_schema_current',
      help: "1 when the database's schema is at the reader's head revision, else 0.",
      registers,
      collect() {
        this.set(watch.latest?.state === 'current' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'meshview_reader_migration_in_progress',
      help: '1 while a migration runs (the migration_status flag is set by a live migrator), else 0.',
      registers,
      collect() {
        this.set(watch.latest?.flag?.inProgress ? 1 : 0);
      },
    });
    new Gauge({
      name: 'meshview_reader_schema_revision_info',
      help: "The database's revision and the reader's head, as labels (value 1).",
      labelNames: ['revision', 'head', 'state'],
      registers,
      collect() {
        this.reset();
        const latest = watch.latest;
        if (!latest) return;
        this.set(
          {
            revision: latest.current.join(',') || 'base',
            head: latest.head ?? 'none',
            state: latest.state,
          },
          1,
        );
      },
    });
  }

  /** Reads the event stream's counters from `stream` from now on. */
  watchStream(stream: { readonly health: StreamHealth }): void {
    this.#stream = stream;
  }

  /** Times every response of `app` (call before registering routes). */
  install(app: FastifyInstance): void {
    const requests = this.#requests;
    app.addHook('onResponse', async (request, reply) => {
      requests.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? '(unmatched)',
          status_class: `${Math.floor(reply.statusCode / 100)}xx`,
        },
        reply.elapsedTime / 1000,
      );
    });
  }
}
