/**
 * The reader benchmark's load generator, run in a worker thread so that it never shares the
 * server's event loop: an open-loop schedule of `rate` requests a second for `seconds`, on a
 * fixed set of keep-alive connections (`connections`, opened before the schedule starts; a
 * request that finds them all busy waits for one, and that wait counts in its latency), as wrk2
 * does and as a reverse proxy in front of the reader does. An agent that opens a new connection
 * whenever the others are busy measured something else: under load Node accepts new connections
 * late (seconds, measured), so a moment of queueing became hundreds of new connections and a
 * tail of seconds. Each request's latency is measured from the moment it was due (so a slow
 * server is not hidden by a client that waits for it: no coordinated omission); what is still
 * unanswered `graceSeconds` after the last one was due is counted as `unanswered` (a server that
 * cannot keep up).
 *
 * The requests are written and their answers read on plain TCP sockets (HTTP/1.1, an answer's
 * end found by its Content-Length), not with node:http's client. At 500 node pages a second the
 * benchmark's process used 1.8 to 2.3 s of CPU time per 10 s with node:http, 0.9 to 1.2 s with
 * these sockets: CPU time the reader and the database it measures share the two cores with (wrk2,
 * the usual tool for this, is written in C for the same reason). An answer without a
 * Content-Length, or a connection that ends early, counts as an error.
 */
import { Worker } from 'node:worker_threads';

/** What the worker is asked to do. */
export interface LoadJob {
  readonly base: string;
  readonly paths: readonly string[];
  readonly rate: number;
  readonly seconds: number;
  readonly graceSeconds: number;
  /** Keep-alive connections the requests share, all opened before the schedule starts. */
  readonly connections: number;
}

/** What it answers. */
export interface LoadResult {
  /** Latencies in ms, in completion order. */
  readonly latencies: readonly number[];
  readonly errors: number;
  /** Status codes seen, with counts. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
  /** Requests still unanswered when the grace time ran out. */
  readonly unanswered: number;
}

// Plain JavaScript, evaluated in the worker (no TypeScript loader there).
const WORKER = `
const { parentPort, workerData: job } = require('node:worker_threads');
const net = require('node:net');
const url = new URL(job.base);
const port = Number(url.port);
const latencies = [];
const statuses = {};
let errors = 0;
let next = 0;
const HEAD_END = Buffer.from('\\r\\n\\r\\n');
const LENGTH = /\\r\\ncontent-length: *(\\d+)/i;
// Requests waiting for a free connection: [path, dueMs, done].
const waiting = [];
const idle = [];
/**
 * A keep-alive connection: one request at a time, its answer read to its Content-Length;
 * \`ready\` once it is open, \`refused\` if it never opens.
 */
const connect = (ready, refused) => {
  const socket = net.connect({ host: url.hostname, port, noDelay: true });
  const conn = { socket, current: undefined, buffered: [], size: 0, need: -1, status: 0 };
  const fail = () => {
    const current = conn.current;
    conn.current = undefined;
    if (current !== undefined) { errors += 1; current[2](); }
  };
  let opened = false;
  socket.on('connect', () => { opened = true; ready(conn); });
  socket.on('error', () => {});
  socket.on('close', () => {
    fail();
    if (!opened) { refused(); return; }
    // Another in its place, for what still waits.
    reconnect();
  });
  socket.on('data', (chunk) => {
    if (conn.current === undefined) return;
    conn.buffered.push(chunk);
    conn.size += chunk.length;
    if (conn.need < 0) {
      const all = conn.buffered.length === 1 ? chunk : Buffer.concat(conn.buffered);
      conn.buffered = [all];
      const end = all.indexOf(HEAD_END);
      if (end < 0) return;
      const head = all.toString('latin1', 0, end);
      const length = LENGTH.exec(head);
      conn.status = Number(head.slice(9, 12));
      if (length === null) { socket.destroy(); return; }
      conn.need = end + 4 + Number(length[1]);
      // Only the count matters from here.
      conn.buffered = [];
    }
    if (conn.size < conn.need) return;
    const [, due, done] = conn.current;
    statuses[conn.status] = (statuses[conn.status] || 0) + 1;
    latencies.push(performance.now() - due);
    conn.current = undefined;
    conn.buffered = [];
    conn.size = 0;
    conn.need = -1;
    done();
    release(conn);
  });
  return conn;
};
// After a moment: the server may be gone.
const reconnect = () => {
  if (!finished) setTimeout(() => connect(release, reconnect), 10);
};
const send = (conn, request) => {
  conn.current = request;
  conn.socket.write('GET ' + request[0] + ' HTTP/1.1\\r\\nHost: ' + url.host + '\\r\\n\\r\\n');
};
const release = (conn) => {
  const request = waiting.shift();
  if (request !== undefined) send(conn, request);
  else idle.push(conn);
};
const request = (path, dueMs, done) => {
  const conn = idle.pop();
  if (conn !== undefined) send(conn, [path, dueMs, done]);
  else waiting.push([path, dueMs, done]);
};
const pathFor = () => job.paths[next++ % job.paths.length];
// When the measuring began: the schedule, after its connections are open.
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
// Opens the connections and has each answer one request for a path answered without the
// database, then starts the schedule.
const openConnections = (count, done) => {
  let left = count;
  const opened = () => { if (--left === 0) done(); };
  for (let i = 0; i < count; i += 1) {
    connect(
      (conn) => send(conn, ['/version', performance.now(), opened]),
      () => { errors += 1; opened(); reconnect(); },
    );
  }
};
const openLoop = () => {
  // The answers of the opening requests are not measured.
  latencies.length = 0;
  for (const code of Object.keys(statuses)) delete statuses[code];
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
openConnections(job.connections, openLoop);
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
