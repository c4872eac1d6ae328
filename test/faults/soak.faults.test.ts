/**
 * Issue 16, item 9: the soak (`npm run test:faults -- --soak`, not in CI). A real writer on
 * a Mosquitto of its own (QoS 1, no limit on its queue: the shared one's 1,000 would drop
 * acknowledged messages while the writer lags) and a real reader, for MESHVIEW_SOAK_MINUTES
 * (60 by default) at 2,000 envelopes/s, the retention every few minutes (`[cleanup]
 * interval_minutes`), clients polling the API and listening to the event stream. Writer and
 * reader memory every minute must stay flat, no error is logged, every acknowledged message is
 * stored. SQLite; PostgreSQL too with MESHVIEW_SOAK_POSTGRES=1.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { SIM_SECONDARY_KEY_BASE64, simulateMesh, topicFor } from '@meshview/sim';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { uniqueTopicRoot } from '#test/mqtt.js';
import { killAllApps, startApp, waitUntil, writeAppConfig } from '#test/processes.js';
import { storeTraffic } from '#test/store-traffic.js';
import { makeTempDir } from '#test/tmp.js';
import { reportFigures, type FigureRow } from './support/figures.js';
import { soakSkipReason } from './support/level.js';
import { mosquittoMissing, PrivateMosquitto } from '#test/private-mosquitto.js';
import { residentMb } from './support/process-memory.js';
import { Prober, StreamListener } from './support/http-clients.js';
import { SoakPublisher } from './support/soak-publisher.js';

const MINUTES = Number(process.env.MESHVIEW_SOAK_MINUTES ?? 60);
const RATE = 2_000;
/** Retention every few minutes: 12 runs over the soak, at least one a minute. */
const RETENTION_EVERY_MIN = Math.max(1, Math.round(MINUTES / 12));
const DAY_US = 86_400_000_000;
/**
 * Flat: over the loaded minutes, the last third's average resident set is at most the first
 * third's × 1.25 + 20 MB. The first minutes include warm-up (caches filling, V8 growing its heap
 * to its working size), so a steady process ends near its early average; 25 % plus 20 MB leaves
 * room for the garbage collector's sawtooth, while a leak of one envelope's worth (~200 B) per
 * message (7.2 M an hour, ~1.4 GB) fails by far.
 */
const flat = (first: number, last: number): boolean => last <= first * 1.25 + 20;

const skip = soakSkipReason() ?? mosquittoMissing;
const dialects = DIALECTS.filter(
  (d) => d.name === 'sqlite' || process.env.MESHVIEW_SOAK_POSTGRES === '1',
);
const figures: FigureRow[] = [];

afterAll(() => {
  if (figures.length > 0)
    reportFigures('soak', figures, {
      minutes: MINUTES,
      rate: RATE,
      retention_every_min: RETENTION_EVERY_MIN,
    });
});

for (const { name: dialect, skip: dialectSkip } of dialects) {
  const why = skip ?? dialectSkip;
  describe.skipIf(why)(`soak on ${dialect}${why ? ` (${why})` : ''}`, () => {
    afterEach(async () => {
      await killAllApps();
    });

    it(
      `ingests ${RATE} envelopes/s for ${MINUTES} min with retention every ${RETENTION_EVERY_MIN} min ` +
        'and readers polling and streaming: memory flat, no error, every acknowledged message stored',
      async () => {
        const dir = makeTempDir('soak');
        const url = await freshDatabaseUrl(dialect, 'soak');
        // Old traffic (3 days ago) for the retention to delete while the soak goes on.
        const handle = await openDatabase(url);
        const migrator = await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db });
        await migrator.upgrade('head');
        await storeTraffic(
          handle.db,
          handle.dialect,
          simulateMesh({ seed: 9, nowUs: Date.now() * 1000 - 3 * DAY_US }),
          {
            secondaryKeys: [SIM_SECONDARY_KEY_BASE64],
          },
        );
        const oldPackets = await packetCount(handle.db);

        // A broker of its own: the shared one drops what it queued past 1,000 for a lagging writer.
        const broker = await PrivateMosquitto.start(dir);
        const root = uniqueTopicRoot('soak');
        const cleanupLog = join(dir, 'dbcleanup.log');
        const config = writeAppConfig(dir, {
          connectionString: url,
          mqtt: {
            server: new URL(broker.url).hostname,
            port: Number(new URL(broker.url).port || 1883),
            topics: JSON.stringify([`${root}/#`]),
            qos: 1,
            clean_session: 'false',
            client_id: `soak-${process.pid}`,
          },
        });
        writeFileSync(
          config,
          readFileSync(config, 'utf8')
            .replace(
              '[cleanup]\n',
              `[cleanup]\nenabled = True\ndays_to_keep = 1\ninterval_minutes = ${RETENTION_EVERY_MIN}\n`,
            )
            .replace('[logging]\n', `[logging]\ndb_cleanup_logfile = ${cleanupLog}\n`),
        );
        const writer = startApp('writer', ['--config', config]);
        await writer.waitForLog(/^writer ready$/, 60_000);
        const reader = startApp('reader', ['--config', config]);
        const listening = await reader.waitForLog(/^reader listening on /, 60_000);
        const origin = String(listening.address);

        const base = 0x4000_0000 + Math.floor(Math.random() * 0x1000_0000);
        const publisher = new SoakPublisher(broker.url, topicFor({ root }), base, RATE);
        const poller = new Prober(
          ['/health', '/api/packets?limit=50', '/api/nodes', '/api/stats', '/api/channels'].map(
            (p) => `${origin}${p}`,
          ),
          1000,
        );
        const streams = Array.from({ length: 5 }, () => new StreamListener());
        let streamReconnects = 0;
        await Promise.all(streams.map((s) => s.connect(`${origin}/api/stream/packets`)));

        const series: { minute: number; writerMb: number; readerMb: number; acked: number }[] = [];
        const sample = (minute: number) =>
          series.push({
            minute,
            writerMb: residentMb(writer.pid) ?? NaN,
            readerMb: residentMb(reader.pid) ?? NaN,
            acked: publisher.acked.length,
          });
        sample(0);
        // By the wall clock: a busy event loop stretches timers, never the soak's length.
        const startedAt = Date.now();
        for (let minute = 1; minute <= MINUTES; minute++) {
          await sleep(Math.max(0, startedAt + minute * 60_000 - Date.now()));
          sample(minute);
          // A stream dropped (a slow client past the byte limit) reconnects, as EventSource does.
          for (const [i, s] of streams.entries()) {
            if (!s.ended) continue;
            streamReconnects += 1;
            streams[i] = new StreamListener();
            await streams[i].connect(`${origin}/api/stream/packets`).catch(() => undefined);
          }
          if (!writer.running || !reader.running) break;
        }
        await publisher.stop();
        await poller.stop();
        for (const s of streams) s.close();

        // Every acknowledged message stored (the writer batches: wait for the last ones).
        const acked = publisher.acked;
        await waitUntil(
          async () => (await storedIn(handle.db, base, publisher.sent)) >= acked.length,
          {
            timeoutMs: 300_000,
            intervalMs: 2000,
            what: 'every acknowledged message to be stored',
          },
        ).catch(() => undefined);
        const stored = await storedIds(handle.db, base, publisher.sent);
        const lost = acked.filter((id) => !stored.has(id)).length;
        const oldLeft = (await packetCount(handle.db)) - stored.size;
        await writer.stop(60_000);
        await reader.stop(60_000);
        await handle.close();
        await broker.stop();

        const retentionRuns = existsSync(cleanupLog)
          ? readFileSync(cleanupLog, 'utf8')
              .split('\n')
              .filter((l) => /"msg":"cleanup done"/.test(l)).length
          : 0;
        const errors = [...writer.logs, ...reader.logs].filter((l) => (l.level ?? 0) >= 50);
        // The thirds are of the loaded minutes: minute 0 is measured before the first message,
        // so it says how big an idle process is, not how big a working one starts.
        const loaded = series.filter((r) => r.minute > 0);
        const third = Math.max(1, Math.floor(loaded.length / 3));
        const avg = (rows: typeof series, key: 'writerMb' | 'readerMb') =>
          rows.reduce((s, r) => s + r[key], 0) / rows.length;
        const first = loaded.slice(0, third);
        const last = loaded.slice(-third);
        process.stdout.write(
          `\n[soak ${dialect}] minute  writer MB  reader MB  acked\n` +
            series
              .map(
                (r) =>
                  `  ${String(r.minute).padStart(4)}  ${r.writerMb.toFixed(0).padStart(9)}  ${r.readerMb.toFixed(0).padStart(9)}  ${r.acked}`,
              )
              .join('\n') +
            '\n',
        );
        figures.push({
          dialect,
          minutes: MINUTES,
          sent: publisher.sent,
          acknowledged: acked.length,
          stored: stored.size,
          lost,
          publish_errors: publisher.errors,
          old_packets_before: oldPackets,
          old_packets_left: oldLeft,
          retention_log_lines: retentionRuns,
          poll_requests: poller.requests,
          poll_failures: poller.failures.length,
          stream_reconnects: streamReconnects,
          writer_mb_idle: Math.round(series[0]!.writerMb),
          writer_mb_first_third: Math.round(avg(first, 'writerMb')),
          writer_mb_last_third: Math.round(avg(last, 'writerMb')),
          writer_mb_peak: Math.round(Math.max(...series.map((r) => r.writerMb))),
          reader_mb_idle: Math.round(series[0]!.readerMb),
          reader_mb_first_third: Math.round(avg(first, 'readerMb')),
          reader_mb_last_third: Math.round(avg(last, 'readerMb')),
          reader_mb_peak: Math.round(Math.max(...series.map((r) => r.readerMb))),
          error_lines: errors.length,
        });

        expect(series.at(-1)!.minute).toBe(MINUTES);
        expect(acked.length).toBeGreaterThan(RATE * 60 * MINUTES * 0.9);
        expect(lost).toBe(0);
        expect(errors).toEqual([]);
        expect(poller.failures).toEqual([]);
        // The retention ran and deleted the old traffic (it is older than days_to_keep).
        expect(oldLeft).toBe(0);
        expect(flat(avg(first, 'writerMb'), avg(last, 'writerMb'))).toBe(true);
        expect(flat(avg(first, 'readerMb'), avg(last, 'readerMb'))).toBe(true);
      },
      (MINUTES + 15) * 60_000,
    );
  });
}

async function packetCount<DB>(db: import('kysely').Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM packet`.execute(db);
  return Number(rows[0]!.n);
}

async function storedIn<DB>(
  db: import('kysely').Kysely<DB>,
  base: number,
  count: number,
): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM packet WHERE id >= ${base} AND id < ${base + count}`.execute(db);
  return Number(rows[0]!.n);
}

/** The ids stored in [base, base + count), read a range at a time. */
async function storedIds<DB>(
  db: import('kysely').Kysely<DB>,
  base: number,
  count: number,
): Promise<Set<number>> {
  const ids = new Set<number>();
  for (let from = base; from < base + count; from += 200_000) {
    const to = Math.min(base + count, from + 200_000);
    const { rows } = await sql<{ id: number | string }>`
      SELECT id FROM packet WHERE id >= ${from} AND id < ${to}`.execute(db);
    for (const row of rows) ids.add(Number(row.id));
  }
  return ids;
}
