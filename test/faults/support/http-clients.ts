/**
 * The clients of the hostile-HTTP scenario: one request sent as given, raw bytes on a socket,
 * a prober of normal requests, slowloris sockets and event-stream listeners.
 */
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpHostile } from './hostile-requests.js';

/** How one HTTP request ended: a status, or an error (a reset while sending a huge header). */
export interface HttpOutcome {
  readonly status?: number;
  readonly error?: string;
  /** The answer's first 4 KB. */
  readonly body?: string;
  readonly contentType?: string;
}

/** Sends `hostile` to `origin + basePath`; never rejects; a stream answer is cut after its head. */
export function sendHttp(
  origin: string,
  basePath: string,
  hostile: HttpHostile,
  agent: Agent,
): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: HttpOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let req: ReturnType<typeof request>;
    try {
      req = request(`${origin}${basePath}${hostile.path}`, {
        method: hostile.method,
        headers: hostile.headers,
        agent,
        timeout: 60_000,
      });
    } catch (error) {
      // node:http refuses a path or header it cannot send: nothing reached the server.
      done({ error: `not sent: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    req.on('response', (response) => {
      const contentType = String(response.headers['content-type'] ?? '');
      const status = response.statusCode!;
      if (contentType.startsWith('text/event-stream')) {
        response.destroy();
        done({ status, contentType });
        return;
      }
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < 4096) body += chunk;
      });
      response.on('end', () => done({ status, body: body.slice(0, 4096), contentType }));
      response.on('error', () => done({ status, body, contentType }));
      response.on('close', () => done({ status, body, contentType }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
    req.end(hostile.body);
  });
}

/** What the server did with raw bytes. */
export interface RawOutcome {
  /** The status of every answer read (`HTTP/1.1 400 …`). */
  readonly statuses: readonly number[];
  /** Whether the server closed the connection (within `timeoutMs`). */
  readonly closedByServer: boolean;
  readonly reset: boolean;
}

/** Writes `chunks` on a new connection, half-closes it, and reads until the server closes. */
export function sendRaw(
  port: number,
  chunks: readonly Buffer[],
  timeoutMs = 30_000,
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    let reset = false;
    const timer = setTimeout(() => {
      finish(false);
      socket.destroy();
    }, timeoutMs);
    let settled = false;
    const finish = (closedByServer: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const statuses = [...answer.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
      resolve({ statuses, closedByServer, reset });
    };
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      if (answer.length < 1_000_000) answer += chunk;
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') reset = true;
    });
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      for (const chunk of chunks) if (!socket.destroyed) socket.write(chunk);
      if (!socket.destroyed) socket.end();
    });
  });
}

/** Normal requests every `intervalMs` on new connections, until stopped: every failure counted. */
export class Prober {
  requests = 0;
  readonly failures: string[] = [];
  #running = true;
  readonly #loop: Promise<void>;

  constructor(urls: readonly string[], intervalMs: number) {
    this.#loop = (async () => {
      for (let i = 0; this.#running; i++) {
        const url = urls[i % urls.length]!;
        const outcome = await new Promise<string | undefined>((resolve) => {
          const req = request(url, { agent: false, timeout: 60_000 }, (response) => {
            response.resume();
            response.on('end', () =>
              resolve(response.statusCode === 200 ? undefined : `${url}: ${response.statusCode}`),
            );
          });
          req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
          req.on('error', (error) => resolve(`${url}: ${error.message}`));
          req.end();
        });
        this.requests += 1;
        if (outcome) this.failures.push(outcome);
        await sleep(intervalMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
  }
}

/** Slowloris: sockets that send part of a request, then one more header line now and then. */
export class Slowloris {
  readonly sockets: Socket[] = [];
  /** Seconds after its opening at which the server closed each socket it closed. */
  readonly closedAfterS: number[] = [];
  #trickle: NodeJS.Timeout | undefined;

  /**
   * Opens `count` sockets (a few at a time) to `port`, each with a partial request to `path`;
   * every other one then trickles a header line every 10 s, the rest stay silent.
   */
  async open(port: number, path: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const socket = connect({ host: '127.0.0.1', port });
      const opened = Date.now();
      socket.on('error', () => undefined);
      socket.on('close', () => this.closedAfterS.push((Date.now() - opened) / 1000));
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-0: 1\r\n`);
      this.sockets.push(socket);
      if (i % 50 === 49) await sleep(20);
    }
    let n = 1;
    this.#trickle = setInterval(() => {
      for (const [i, socket] of this.sockets.entries()) {
        if (i % 2 === 1 && !socket.destroyed) socket.write(`X-Slow-${n}: 1\r\n`);
      }
      n += 1;
    }, 10_000);
  }

  /**
   * Destroys every socket the server has not closed yet; returns when (s after its opening) the
   * server closed each one it closed.
   */
  close(): number[] {
    clearInterval(this.#trickle);
    const closed = [...this.closedAfterS];
    for (const socket of this.sockets) socket.destroy();
    return closed;
  }
}

/** An event-stream listener that only looks for one text in what it receives. */
export class StreamListener {
  status: number | undefined;
  ready = false;
  found = false;
  ended = false;
  #tail = '';
  #wanted: string | undefined;
  #destroy: () => void = () => undefined;

  /** Connects (a new connection, no keep-alive) and resolves once the `retry:` line is read. */
  connect(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        { agent: false, headers: { accept: 'text/event-stream' } },
        (response) => {
          this.status = response.statusCode;
          this.#destroy = () => response.destroy();
          if (response.statusCode !== 200) {
            response.resume();
            reject(new Error(`stream answered ${response.statusCode}`));
            return;
          }
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            this.#tail = (this.#tail + chunk).slice(-8192);
            if (!this.ready && this.#tail.includes('retry:')) {
              this.ready = true;
              resolve();
            }
            if (this.#wanted && this.#tail.includes(this.#wanted)) this.found = true;
          });
          response.on('close', () => {
            this.ended = true;
            reject(new Error('stream closed before its retry line'));
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** From now on, notes whether `text` arrives. */
  watchFor(text: string): void {
    this.#wanted = text;
    if (this.#tail.includes(text)) this.found = true;
  }

  close(): void {
    this.#destroy();
  }
}
