/**
 * Issue 17 item 4, part 3: how soon a waiting reader serves after the writer's migration ends.
 * Each round, on a fresh database: a real reader (`node apps/reader`, compiled, config.ini's
 * default wait of 2 s between checks) starts first and waits; then a real writer migrates the
 * database: the product's chain and, after it, a revision that sleeps (a different time each
 * round, spread over two poll intervals, so that the migration's end falls at every phase of the
 * reader's polls). The end of the migration is the writer's `database at <head>` log line, written
 * right after the in-progress flag's clearing committed (its pino `time`; the processes share
 * this machine's clock). The reader is serving when `GET /ready` first answers 200, asked by
 * this process every 10 ms from before the writer starts.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '#test/free-port.js';
import { startApp, writeAppConfig, type AppProcess } from '#test/processes.js';
import { PRODUCT_HEAD, productChainWith } from '#test/product-chain.js';

export interface WaitRound {
  readonly sleep_ms: number;
  /** From the migration's end to the first `/ready` 200. */
  readonly end_to_ready_ms: number;
  /** From the migration's end to the reader's `schema is current` log line (its poll). */
  readonly end_to_schema_seen_ms: number;
  /** From that line to the first `/ready` 200 (open, build the app, listen). */
  readonly seen_to_ready_ms: number;
  /** From the migration's end to the reader's `reader listening on` log line. */
  readonly end_to_listening_ms: number;
  readonly migration_ms: number;
}

export interface WaitResult {
  readonly dialect: 'sqlite' | 'postgres';
  readonly wait_delay_s: number;
  readonly rounds: readonly WaitRound[];
  readonly max_end_to_ready_ms: number;
}

const SLOW = 'f9_slow_revision';
const WAIT_DELAY_S = 2;

/** Asks `/ready` every 10 ms until it answers 200; the moment it did (ms since the epoch). */
async function firstReady(port: number, signal: AbortSignal): Promise<number> {
  for (;;) {
    if (signal.aborted) throw new Error('gave up waiting for /ready');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`, { signal });
      await response.arrayBuffer();
      if (response.status === 200) return Date.now();
    } catch {
      // Not listening yet.
    }
    await sleep(10);
  }
}

async function round(
  dir: string,
  url: string,
  sleepMs: number,
  log: (line: string) => void,
): Promise<WaitRound> {
  const chain = productChainWith([
    {
      id: SLOW,
      down: PRODUCT_HEAD,
      up: [],
      upPrelude: `await new Promise((resolve) => setTimeout(resolve, ${sleepMs}));`,
    },
  ]);
  const port = await freePort();
  const config = writeAppConfig(dir, {
    connectionString: url,
    waitRetries: 60,
    waitDelayS: WAIT_DELAY_S,
    logLevel: 'info',
  });
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace('[server]\nbind = 127.0.0.1\nport = 0', () => {
      return `[server]\nbind = 127.0.0.1\nport = ${port}`;
    }),
  );
  const args = ['--config', config, '--migrations', chain];
  const processes: AppProcess[] = [];
  const giveUp = new AbortController();
  const timeout = setTimeout(() => giveUp.abort(), 90_000);
  try {
    const reader = startApp('reader', args);
    processes.push(reader);
    await reader.waitForLog(/waiting for the schema to be current/, 30_000);
    const ready = firstReady(port, giveUp.signal);
    const writer = startApp('writer', args);
    processes.push(writer);
    const upgrading = await writer.waitForLog(/^upgrading from /, 60_000);
    const ended = await writer.waitForLog(`database at ${SLOW}`, 60_000);
    const readyAt = await ready;
    const seen = await reader.waitForLog(/^schema is current/, 10_000);
    const listening = await reader.waitForLog(/^reader listening on /, 10_000);
    await writer.waitForLog(/^writer ready$/, 30_000);
    const result: WaitRound = {
      sleep_ms: sleepMs,
      end_to_ready_ms: readyAt - ended.time,
      end_to_schema_seen_ms: seen.time - ended.time,
      seen_to_ready_ms: readyAt - seen.time,
      end_to_listening_ms: listening.time - ended.time,
      migration_ms: ended.time - upgrading.time,
    };
    log(
      `  sleep ${sleepMs} ms: migration ${result.migration_ms} ms, ready ` +
        `${result.end_to_ready_ms} ms after its end (seen after ${result.end_to_schema_seen_ms} ms, ` +
        `listening after ${result.end_to_listening_ms} ms)`,
    );
    return result;
  } finally {
    clearTimeout(timeout);
    giveUp.abort();
    await Promise.all(processes.map((p) => p.stop(15_000)));
    rmSync(join(chain, '..'), { recursive: true, force: true });
  }
}

/**
 * Runs `rounds` rounds; `freshDatabase(i)` gives the URL of a new, empty database for round i
 * (and `dropDatabase` removes it afterwards).
 */
export async function readerWait(
  dialect: 'sqlite' | 'postgres',
  work: string,
  rounds: number,
  freshDatabase: (dir: string, i: number) => Promise<string>,
  dropDatabase: (url: string) => Promise<void>,
  log: (line: string) => void,
): Promise<WaitResult> {
  const results: WaitRound[] = [];
  for (let i = 0; i < rounds; i++) {
    const dir = join(work, `wait-${dialect}-${i}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // Spread over two poll intervals: the end falls at every phase of the reader's polls.
    const sleepMs = 500 + Math.round((i * 2 * WAIT_DELAY_S * 1000) / rounds);
    const url = await freshDatabase(dir, i);
    try {
      results.push(await round(dir, url, sleepMs, log));
    } finally {
      await dropDatabase(url);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    dialect,
    wait_delay_s: WAIT_DELAY_S,
    rounds: results,
    max_end_to_ready_ms: Math.max(...results.map((r) => r.end_to_ready_ms)),
  };
}
