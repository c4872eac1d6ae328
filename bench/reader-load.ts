/**
 * The reader benchmark's load generator, run in a worker thread so that it never shares the
 * server's event loop: plain node:http with a keep-alive agent.
 * - `open`: an open-loop schedule of `rate` requests a second for `seconds`, on a fixed set of
 *   keep-alive connections (`connections`, opened before the schedule starts; a request that
 *   finds them all busy waits for one, and that wait counts in its latency), as wrk2 does and as
 *   a reverse proxy in front of the reader does. An agent that opens a new connection whenever
 *   the others are busy measured something else: under load Node accepts new connections late
 *   (seconds, measured), so a moment of queueing became hundreds of new connections and a tail
 *   of seconds. Each request's latency is measured from the moment it was due (so a slow
 *   server is not hidden by a client that waits for it: no coordinated omission); what is still
 *   unanswered `graceSeconds` after the last one was due is counted as `unanswered` (a server
 *   that cannot keep up);
 * - `closed`: `concurrency` requests kept in flight for `seconds`, counting the answers.
 */
import { Worker } from 'node:worker_threads';

/** What the worker is asked to do. */
export type LoadJob =
  | {
      readonly kind: 'open';
      readonly base: string;
      readonly paths: readonly string[];
      readonly rate: number;
      readonly seconds: number;
      readonly graceSeconds: number;
      /** Keep-alive connections the requests share, all opened before the schedule starts. */
      readonly connections: number;
    }
  | {
      readonly kind: 'closed';
      readonly base: string;
      readonly paths: readonly string[];
      readonly concurrency: number;
      readonly seconds: number;
    };

/** What it answers. */
export interface LoadResult {
  /** Latencies in ms, in completion order. */
  readonly latencies: readonly number[];
  readonly errors: number;
  /** Status codes seen, with counts. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
  /** Open loop: requests still unanswered when the grace time ran out. */
  readonly unanswered: number;
}

// Plain JavaScript, evaluated in the worker (no TypeScript loader there).
const WORKER = `
const { parentPort, workerData: job } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({
  keepAlive: true,
  maxSockets: job.kind === 'open' ? job.connections : 512,
  maxFreeSockets: job.kind === 'open' ? job.connections : 256,
});
const url = new URL(job.base);
const latencies = [];
const statuses = {};
let errors = 0;
let next = 0;
const request = (path, dueMs, done) => {
  const req = http.request({ host: url.hostname, port: url.port, path, agent }, (res) => {
    res.on('data', () => {});
    res.on('end', () => {
      statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
      latencies.push(performance.now() - dueMs);
      done();
    });
  });
  req.on('error', () => { errors += 1; done(); });
  req.end();
};
const pathFor = () => job.paths[next++ % job.paths.length];
// When the measuring began: the open loop's schedule, after its connections are open.
let start = performance.now();
let finished = false;
let pendingCount = () => 0;
const finish = () => {
  if (finished) return;
  finished = true;
  parentPort.postMessage({
    latencies, errors, statuses, elapsedMs: performance.now() - start, unanswered: pendingCount(),
  });
};
// Opens the connections: as many requests at once as there are to be, for a path answered
// without the database.
const openConnections = (count, done) => {
  let left = count;
  for (let i = 0; i < count; i += 1) {
    const opened = () => { if (--left === 0) done(); };
    const req = http.request({ host: url.hostname, port: url.port, path: '/version', agent }, (res) => {
      res.on('data', () => {});
      res.on('end', opened);
    });
    req.on('error', () => { errors += 1; opened(); });
    req.end();
  }
};
const openLoop = () => {
  start = performance.now();
  const total = Math.round(job.rate * job.seconds);
  const interval = 1000 / job.rate;
  let sent = 0;
  let pending = 0;
  pendingCount = () => pending + (total - sent);
  setTimeout(finish, (job.seconds + job.graceSeconds) * 1000).unref();
  const tick = () => {
    const now = performance.now();
    while (sent < total && start + sent * interval <= now) {
      const due = start + sent * interval;
      sent += 1;
      pending += 1;
      request(pathFor(), due, () => { pending -= 1; if (sent === total && pending === 0) finish(); });
    }
    if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
  };
  tick();
};
if (job.kind === 'open') {
  openConnections(job.connections, openLoop);
} else {
  const end = start + job.seconds * 1000;
  let active = job.concurrency;
  const loop = () => {
    if (performance.now() >= end) { active -= 1; if (active === 0) finish(); return; }
    request(pathFor(), performance.now(), loop);
  };
  for (let i = 0; i < job.concurrency; i += 1) loop();
}
`;

/** Runs `job` in a fresh worker thread and resolves with its measurements. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: job });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The `p`th percentile (0..100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
