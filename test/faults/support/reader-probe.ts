import { setTimeout as sleep } from 'node:timers/promises';

/** One answer (or none) the probe got. */
export interface ProbeSample {
  /** When the request was sent (ms since the epoch). */
  readonly at: number;
  readonly path: string;
  /** The HTTP status, or `timeout` (no answer in time) or `error` (the connection failed). */
  readonly status: number | 'timeout' | 'error';
  /** The body's `reason`, when it had one. */
  readonly reason?: string;
}

/** Counts of a window of samples, for the figures. */
export interface ProbeCounts {
  readonly ok: number;
  readonly unavailable: number;
  readonly otherErrors: number;
  readonly timeouts: number;
  readonly readyNot: number;
}

/**
 * Asks a reader over HTTP, again and again until stopped, for a page of packets (a new `limit`
 * each time, past the answer cache) and for `/ready`, keeping every answer: what a client saw
 * while the database was in trouble.
 */
export class ReaderProbe {
  readonly samples: ProbeSample[] = [];
  #running = true;
  readonly #loop: Promise<void>;

  constructor(
    base: string,
    { intervalMs = 250, timeoutMs = 20_000 }: { intervalMs?: number; timeoutMs?: number } = {},
  ) {
    this.#loop = (async () => {
      for (let i = 0; this.#running; i++) {
        const paths = [`/api/packets?limit=${1 + (i % 50)}`, '/ready'];
        await Promise.all(paths.map((path) => this.#ask(base, path, timeoutMs)));
        await sleep(intervalMs);
      }
    })();
  }

  /** Samples sent within [from, to]. */
  between(from: number, to: number): ProbeSample[] {
    return this.samples.filter((s) => s.at >= from && s.at <= to);
  }

  /** What the data route and /ready answered in [from, to]. */
  counts(from: number, to: number): ProbeCounts {
    const window = this.between(from, to);
    const data = window.filter((s) => s.path !== '/ready');
    return {
      ok: data.filter((s) => s.status === 200).length,
      unavailable: data.filter((s) => s.status === 503).length,
      otherErrors: data.filter(
        (s) =>
          s.status === 'error' ||
          (typeof s.status === 'number' && s.status >= 500 && s.status !== 503),
      ).length,
      timeouts: data.filter((s) => s.status === 'timeout').length,
      readyNot: window.filter((s) => s.path === '/ready' && s.status !== 200).length,
    };
  }

  /** The first data answer 200 sent at or after `from`. */
  firstOkAfter(from: number): ProbeSample | undefined {
    return this.samples.find((s) => s.at >= from && s.path !== '/ready' && s.status === 200);
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
  }

  async #ask(base: string, path: string, timeoutMs: number): Promise<void> {
    const at = Date.now();
    try {
      const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
      const body = (await response.json().catch(() => ({}))) as { reason?: unknown };
      this.samples.push({
        at,
        path,
        status: response.status,
        ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      this.samples.push({ at, path, status: timedOut ? 'timeout' : 'error' });
    }
  }
}
