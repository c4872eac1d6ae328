import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { freePort } from '#test/free-port.js';
import { killAllApps, startApp, waitUntil, writeAppConfig } from '#test/processes.js';
import { PRODUCT_HEAD, migrateToProductHead } from '#test/product.js';
import { dashboardMetricNames, sampleValue, scrape } from '#test/prometheus-text.js';
import { makeTempDir, repoRoot } from '#test/tmp.js';

const LISTENING = /^reader listening on /;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `the reader serves /metrics on [metrics] reader_bind:reader_port (${dialect})${skip ? ` (${skip})` : ''}`,
    () => {
      afterEach(() => killAllApps());

      async function startReader(metrics: string) {
        const url = await freshDatabaseUrl(dialect, 'reader_metrics');
        await migrateToProductHead(url);
        const config = writeAppConfig(makeTempDir('reader-metrics'), { connectionString: url });
        appendFileSync(config, metrics);
        const reader = startApp('reader', ['--config', config]);
        const listening = await reader.waitForLog(LISTENING, 30_000);
        return { reader, address: String(listening.address) };
      }

      it('times requests by route, counts answer-cache hits and misses, and shows the schema', async () => {
        const port = await freePort();
        const { address } = await startReader(
          `[metrics]\nreader_bind = 127.0.0.1\nreader_port = ${port}\n`,
        );
        const url = `http://127.0.0.1:${port}/metrics`;
        const before = await scrape(url);
        expect(sampleValue(before, 'meshview_reader_schema_current')).toBe(1);
        expect(sampleValue(before, 'meshview_reader_migration_in_progress')).toBe(0);
        expect(sampleValue(before, 'meshview_reader_ready')).toBe(1);
        expect(
          sampleValue(before, 'meshview_reader_schema_revision_info', {
            revision: PRODUCT_HEAD,
            head: PRODUCT_HEAD,
            state: 'current',
          }),
        ).toBe(1);
        expect(sampleValue(before, 'meshview_reader_stream_subscribers')).toBe(0);
        const hits0 = sampleValue(before, 'meshview_reader_answer_cache_hits_total')!;
        const misses0 = sampleValue(before, 'meshview_reader_answer_cache_misses_total')!;

        // The same question twice within the cache's second: a miss, then a hit; the
        // statistics' reused answers count alike.
        for (let i = 0; i < 2; i++) {
          expect((await fetch(`${address}/api/nodes?limit=7`)).status).toBe(200);
          expect((await fetch(`${address}/api/stats/count?length=3`)).status).toBe(200);
        }
        expect((await fetch(`${address}/api/node/12345678/qr`)).status).toBe(404);
        const after = await scrape(url);
        expect(sampleValue(after, 'meshview_reader_answer_cache_misses_total')).toBe(misses0 + 2);
        expect(sampleValue(after, 'meshview_reader_answer_cache_hits_total')).toBe(hits0 + 2);
        const requests = (route: string, status: string) =>
          sampleValue(after, 'meshview_reader_http_request_duration_seconds_count', {
            method: 'GET',
            route,
            status_class: status,
          });
        expect(requests('/api/nodes', '2xx')).toBe(2);
        expect(requests('/api/node/:node_id/qr', '4xx')).toBe(1);
        expect(after.get('meshview_reader_http_request_duration_seconds')?.type).toBe('histogram');
        // The sample Grafana dashboard asks for nothing the reader does not serve.
        const dashboard = readFileSync(join(repoRoot, 'docs/grafana-dashboard.json'), 'utf8');
        for (const name of dashboardMetricNames(dashboard, 'meshview_reader_')) {
          expect(after.has(name), name).toBe(true);
        }
        // Raw URLs never become labels.
        const routes = after
          .get('meshview_reader_http_request_duration_seconds')!
          .samples.map((s) => s.labels.route);
        expect(routes.some((r) => r?.includes('?') || r?.includes('12345678'))).toBe(false);

        // An event stream client shows as a subscriber while it is connected.
        const controller = new AbortController();
        const stream = await fetch(`${address}/api/stream/packets`, { signal: controller.signal });
        expect(stream.status).toBe(200);
        await waitUntil(
          async () => sampleValue(await scrape(url), 'meshview_reader_stream_subscribers') === 1,
          { timeoutMs: 5000, what: 'one stream subscriber' },
        );
        controller.abort();

        // Metrics are not on the public port.
        expect((await fetch(`${address}/metrics`)).status).toBe(404);
      });

      it('opens no metrics listener with reader_port = 0 (the default)', async () => {
        const { reader } = await startReader('');
        expect(reader.findLog(/^metrics at/)).toBeUndefined();
      });
    },
  );
}
