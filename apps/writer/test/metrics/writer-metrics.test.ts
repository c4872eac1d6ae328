import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPacketId, textEnvelope, topicFor } from '@meshview/sim';
import { freshDatabaseUrl } from '#test/databases.js';
import { freePort } from '#test/free-port.js';
import { connectPublisher, publish, uniqueTopicRoot } from '#test/mqtt.js';
import { killAllApps, startApp, waitUntil, writeAppConfig } from '#test/processes.js';
import { dashboardMetricNames, sampleValue, scrape } from '#test/prometheus-text.js';
import { makeTempDir, repoRoot } from '#test/tmp.js';

// The metrics read the ingest thread's reports, not the database: one dialect (SQLite) and the
// embedded broker show them; ingest.test.ts covers the dialects and brokers.
describe('the writer serves /metrics on [metrics] writer_bind:writer_port', () => {
  afterEach(() => killAllApps());

  async function startWriter(metrics: string) {
    const dir = makeTempDir('writer-metrics');
    const root = uniqueTopicRoot('metrics');
    const config = writeAppConfig(dir, {
      connectionString: await freshDatabaseUrl('sqlite', 'writer_metrics'),
      mqtt: { topics: JSON.stringify([`${root}/#`]) },
    });
    appendFileSync(config, metrics);
    const writer = startApp('writer', ['--config', config]);
    const ready = await writer.waitForLog(/^writer ready$/, 30_000);
    return { writer, root, brokerPort: Number(ready.brokerPort) };
  }

  it('counts messages, batches and commits as messages arrive, in Prometheus text', async () => {
    const port = await freePort();
    const { writer, root, brokerPort } = await startWriter(
      `[metrics]\nwriter_bind = 127.0.0.1\nwriter_port = ${port}\n`,
    );
    const url = `http://127.0.0.1:${port}/metrics`;
    const before = await scrape(url);
    expect(sampleValue(before, 'meshview_writer_received_total')).toBe(0);
    expect(sampleValue(before, 'meshview_writer_stored_total')).toBe(0);
    expect(sampleValue(before, 'meshview_writer_batch_size_records_count')).toBe(0);
    expect(sampleValue(before, 'meshview_writer_queue_depth_records')).toBe(0);
    expect(sampleValue(before, 'meshview_writer_reconnects_total')).toBe(0);
    expect(before.get('meshview_writer_process_cpu_seconds_total')?.type).toBe('counter');

    const client = await connectPublisher(`mqtt://127.0.0.1:${brokerPort}`);
    try {
      const topic = topicFor({ root, gatewayId: '!0a0b0c0d', channelId: 'LongFast' });
      for (let i = 0; i < 5; i++) {
        await publish(client, topic, textEnvelope('metrics', { id: freshPacketId() }));
      }
      await publish(client, topic, new Uint8Array([1, 2, 3]));
    } finally {
      await client.endAsync();
    }
    const after = await waitUntil(
      async () => {
        const families = await scrape(url);
        return sampleValue(families, 'meshview_writer_stored_total') === 5 ? families : null;
      },
      { timeoutMs: 15_000, intervalMs: 250, what: 'stored_total = 5' },
    );
    expect(sampleValue(after, 'meshview_writer_received_total')).toBe(6);
    expect(sampleValue(after, 'meshview_writer_malformed_total')).toBe(1);
    expect(sampleValue(after, 'meshview_writer_duplicates_total')).toBe(0);
    const batches = sampleValue(after, 'meshview_writer_batch_size_records_count')!;
    expect(batches).toBeGreaterThan(0);
    expect(sampleValue(after, 'meshview_writer_batch_size_records_sum')).toBe(5);
    expect(sampleValue(after, 'meshview_writer_commit_duration_seconds_count')).toBe(batches);
    expect(sampleValue(after, 'meshview_writer_commit_duration_seconds_sum')).toBeGreaterThan(0);
    expect(sampleValue(after, 'meshview_writer_seconds_since_last_message')).toBeLessThan(15);
    expect(after.get('meshview_writer_stored_total')?.type).toBe('counter');
    expect(after.get('meshview_writer_commit_duration_seconds')?.type).toBe('histogram');
    // The sample Grafana dashboard asks for nothing the writer does not serve.
    const dashboard = readFileSync(join(repoRoot, 'docs/grafana-dashboard.json'), 'utf8');
    for (const name of dashboardMetricNames(dashboard, 'meshview_writer_')) {
      expect(after.has(name), name).toBe(true);
    }

    // Only /metrics is served there.
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect(writer.findLog(/^metrics at http:\/\/127\.0\.0\.1:/)).toBeDefined();
  });

  it('opens no metrics listener with writer_port = 0 (the default)', async () => {
    const { writer } = await startWriter('');
    expect(writer.findLog(/^metrics at/)).toBeUndefined();
    expect(writer.findLog(/\[metrics\]/)).toBeUndefined();
  });
});
