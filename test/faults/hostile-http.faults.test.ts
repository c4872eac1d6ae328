/**
 * Issue 16, item 8: hostile HTTP. A real reader (`node apps/reader`) over the simulated mesh gets
 * thousands of malformed requests for every route of its OpenAPI document and every page, raw
 * protocol garbage, slowloris sockets and thousands of event-stream clients, while a prober makes
 * normal requests every 100 ms. No 5xx, no row changed, memory bounded, the prober never fails.
 */
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '@meshview/api';
import { openDatabase } from '@meshview/db';
import { BASE_PATH, startSite, type Site } from '../browser/support/site.js';
import { DIALECTS } from '#test/databases.js';
import { waitUntil } from '#test/processes.js';
import { report } from '#test/records.js';
import { storeRecords } from '#test/store-traffic.js';
import { reportFigures, type FigureRow } from './support/figures.js';
import {
  hostileRequests,
  type HttpHostile,
  type RouteUnderTest,
} from './support/hostile-requests.js';
import {
  Prober,
  Slowloris,
  StreamListener,
  sendHttp,
  sendRaw,
  type HttpOutcome,
} from './support/http-clients.js';
import { pick } from './support/level.js';
import { RssSampler } from './support/process-memory.js';
import { tableDigest } from './support/table-digest.js';

const REQUESTS = pick({ ci: 2_000, full: 10_000 });
const SLOWLORIS = pick({ ci: 200, full: 1_000 });
const STREAM_CLIENTS = pick({ ci: 300, full: 2_000 });
/**
 * How long the slowloris sockets are held: at `full`, past the reader's 60 s idle timeout (the
 * silent half) and Node's 60 s headers timeout, which acts on the first header line trickled in
 * after its 30 s check finds the deadline passed (the other half), so that the server's closing
 * every one is seen; at `ci`, the phases' length.
 */
const SLOWLORIS_HOLD_MS = pick({ ci: 20_000, full: 130_000 });
const SEED = 16_08;
/** Requests in flight at once. */
const CONCURRENCY = 16;
/**
 * The reader's resident set may not pass this (MB). An idle reader over this database is about
 * 100 MB; 2,000 open streams, 1,000 idle sockets and 16 requests in flight, each holding at most
 * some tens of KB, stay far below; a leak per request (10,000 of them) or unbounded buffering
 * of a 100 KB URL or 2 MB chunked body per request would not.
 */
const RSS_BOUND_MB = 512;

const figures: FigureRow[] = [];

afterAll(() => {
  reportFigures('hostile-http', figures, {
    requests: REQUESTS,
    slowloris: SLOWLORIS,
    stream_clients: STREAM_CLIENTS,
    slowloris_hold_s: SLOWLORIS_HOLD_MS / 1000,
  });
});

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `hostile HTTP against the reader on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let site: Site;

      beforeAll(async () => {
        site = await startSite(dialect, 'hostile_http');
      }, 300_000);

      afterAll(async () => {
        await site?.close().catch(() => site.reader.kill('SIGKILL'));
      });

      it(
        'answers every malformed request with a 4xx (never a 5xx), changes no row, closes garbage ' +
          'and slowloris sockets, streams to every client, and keeps answering normal requests',
        async () => {
          const port = Number(new URL(site.origin).port);
          const routes = await routesOf(site);
          const mix = hostileRequests(
            { routes, pages: PAGES.map((p) => p.path), basePath: BASE_PATH },
            REQUESTS,
            SEED,
          );
          const handle = await openDatabase(site.databaseUrl);
          try {
            const before = await tableDigest(handle.db, handle.dialect);
            const rss = new RssSampler(site.reader.pid, 250);
            const baselineMb = rss.peakMb;
            const prober = new Prober(
              ['/health', '/api/packets?limit=5', '/nodelist'].map((p) => site.url(p)),
              100,
            );
            const slowloris = new Slowloris();
            const slowStart = Date.now();
            await slowloris.open(port, `${BASE_PATH}/api/nodes`, SLOWLORIS);

            // Malformed requests and raw garbage, CONCURRENCY at a time.
            const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
            const byClass = new Map<string, number>();
            const statuses = new Map<string, number>();
            const problems: string[] = [];
            let rawClosed = 0;
            let rawCount = 0;
            let next = 0;
            const worker = async (): Promise<void> => {
              while (next < mix.length) {
                const hostile = mix[next++]!;
                byClass.set(hostile.cls, (byClass.get(hostile.cls) ?? 0) + 1);
                if (hostile.kind === 'raw') {
                  rawCount += 1;
                  const outcome = await sendRaw(port, hostile.chunks);
                  if (outcome.closedByServer) rawClosed += 1;
                  else
                    problems.push(
                      `raw ${hostile.chunks[0]!.toString('latin1', 0, 60)}: not closed`,
                    );
                  for (const status of outcome.statuses) count(statuses, String(status));
                  if (outcome.statuses.length === 0)
                    count(statuses, outcome.reset ? 'reset' : 'closed');
                  for (const status of outcome.statuses.filter((s) => s >= 500))
                    problems.push(`raw ${hostile.chunks[0]!.toString('latin1', 0, 60)}: ${status}`);
                  continue;
                }
                const outcome = await sendHttp(site.origin, BASE_PATH, hostile, agent);
                count(
                  statuses,
                  outcome.status !== undefined ? String(outcome.status) : outcome.error!,
                );
                const problem = judge(hostile, outcome);
                if (problem) problems.push(problem);
              }
            };
            await Promise.all(Array.from({ length: CONCURRENCY }, worker));
            agent.destroy();
            const after = await tableDigest(handle.db, handle.dialect);

            // Event-stream clients, then one packet stored: every one of them must get it.
            const listeners: StreamListener[] = [];
            let refused = 0;
            for (let i = 0; i < STREAM_CLIENTS; i += 100) {
              const batch = Array.from(
                { length: Math.min(100, STREAM_CLIENTS - i) },
                () => new StreamListener(),
              );
              const connected = await Promise.allSettled(
                batch.map((l) => l.connect(site.url('/api/stream/packets'))),
              );
              refused += connected.filter((c) => c.status === 'rejected').length;
              listeners.push(...batch);
            }
            const packetId = 0x7e57_0816;
            for (const l of listeners) l.watchFor(`:${packetId}\n`);
            await storeRecords(handle.db, handle.dialect, [
              report({ id: packetId, importUs: Date.now() * 1000, from: 0x1608 }),
            ]);
            await waitUntil(() => listeners.every((l) => l.found || l.ended), {
              timeoutMs: 120_000,
              intervalMs: 250,
              what: 'every stream client to receive the stored packet',
            }).catch(() => undefined);
            const received = listeners.filter((l) => l.found).length;
            const connected = listeners.filter((l) => l.ready).length;
            for (const l of listeners) l.close();

            // Hold the slowloris sockets to their end, the prober still running.
            await sleep(Math.max(0, SLOWLORIS_HOLD_MS - (Date.now() - slowStart)));
            const slowClosedAt = slowloris.close().sort((a, b) => a - b);
            const closedByServer = slowClosedAt.length;
            await prober.stop();
            rss.stop();
            const readerRunning = site.reader.running;
            const errorLogs = site.reader.logs.filter((line) => (line.level ?? 0) >= 50);

            const fiveXx = [...statuses]
              .filter(([s]) => /^5\d\d$/.test(s))
              .reduce((n, [, c]) => n + c, 0);
            figures.push({
              dialect,
              routes: routes.length,
              requests: mix.length,
              by_class: [...byClass].map(([c, n]) => `${c}:${n}`).join(' '),
              statuses: [...statuses]
                .sort()
                .map(([s, n]) => `${s}:${n}`)
                .join(' '),
              '5xx': fiveXx,
              problems: problems.length,
              raw_closed: `${rawClosed}/${rawCount}`,
              probe_requests: prober.requests,
              probe_failures: prober.failures.length,
              rss_start_mb: Math.round(baselineMb),
              rss_peak_mb: Math.round(rss.peakMb),
              slowloris_closed_by_server: `${closedByServer}/${SLOWLORIS}`,
              slowloris_closed_at_s:
                slowClosedAt.length > 0
                  ? `${slowClosedAt[0]!.toFixed(0)}–${slowClosedAt.at(-1)!.toFixed(0)}`
                  : '',
              stream_connected: `${connected}/${STREAM_CLIENTS}`,
              stream_received: received,
              rows_changed: JSON.stringify(before) === JSON.stringify(after) ? 0 : 'yes',
            });

            expect(problems.slice(0, 20)).toEqual([]);
            expect(fiveXx).toBe(0);
            expect(after).toEqual(before);
            expect(prober.failures).toEqual([]);
            expect(prober.requests).toBeGreaterThan(0);
            expect(rss.peakMb).toBeLessThan(RSS_BOUND_MB);
            expect(refused).toBe(0);
            expect(connected).toBe(STREAM_CLIENTS);
            expect(received).toBe(STREAM_CLIENTS);
            expect(readerRunning).toBe(true);
            expect(errorLogs).toEqual([]);
            // The idle and headers timeouts close every one of them at `full`.
            if (SLOWLORIS_HOLD_MS > 120_000) expect(closedByServer).toBe(SLOWLORIS);
          } finally {
            await handle.close();
          }
        },
        pick({ ci: 600_000, full: 1_800_000 }),
      );
    },
  );
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** What is wrong with an answer to a malformed request, or undefined. */
function judge(hostile: HttpHostile, outcome: HttpOutcome): string | undefined {
  const what = `${hostile.cls} ${hostile.method} ${hostile.path.slice(0, 120)}`;
  if (outcome.status === undefined) {
    // The server may cut a request whose head is too large while it is still being sent.
    const tooLarge = ['long-url', 'long-header', 'many-headers', 'bad-body'].includes(hostile.cls);
    if (tooLarge && /ECONNRESET|EPIPE/.test(outcome.error ?? '')) return undefined;
    if (outcome.error?.startsWith('not sent')) return undefined;
    return `${what}: ${outcome.error}`;
  }
  if (outcome.status >= 500) return `${what}: ${outcome.status} ${outcome.body ?? ''}`;
  if (outcome.status === 400 && hostile.api && outcome.contentType?.includes('json')) {
    const body = JSON.parse(outcome.body ?? '{}') as { error?: unknown; reason?: unknown };
    if (typeof body.error !== 'string' || typeof body.reason !== 'string')
      return `${what}: 400 without a reason: ${outcome.body}`;
  }
  return undefined;
}

/** The routes the reader's OpenAPI document lists (GET ones; paths without the base path). */
async function routesOf(site: Site): Promise<RouteUnderTest[]> {
  const response = await fetch(site.url('/api/openapi.json'));
  const document = (await response.json()) as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      path: path.startsWith(BASE_PATH) ? path.slice(BASE_PATH.length) : path,
      method: method.toUpperCase(),
      query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    })),
  );
}
