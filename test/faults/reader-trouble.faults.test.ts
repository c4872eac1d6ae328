import { copyFileSync, openSync, renameSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { freshDatabaseUrl } from '#test/databases.js';
import { pgExecute, pgSkipReason, testPgUrl } from '#test/postgres.js';
import { killAllApps, startApp, writeAppConfig, type AppProcess } from '#test/processes.js';
import { migrateToProductHead } from '#test/product.js';
import { makeTempDir } from '#test/tmp.js';
import { reportFigures, type FigureRow } from './support/figures.js';
import { pick } from './support/level.js';

// Issue 16, item 7: the reader's database file missing, damaged or replaced while it runs (and
// on PostgreSQL, its database dropped): clear 503s naming the problem, never a 500, and the
// reader goes on by itself once the database is back.

const LISTENING = /^reader listening on /;
/** The reader polls its database (and its file) this often: `[migrations] wait_delay_s`. */
const POLL_S = 0.5;
/** Between two requests of the client hammering the reader during each trouble. */
const REQUEST_GAP_MS = pick({ ci: 100, full: 25 });
const TROUBLE_TIMEOUT_MS = 60_000;

/** What each trouble's requests got. */
class Tally {
  requests = 0;
  ok = 0;
  unavailableWithReason = 0;
  unavailableWithoutReason = 0;
  otherErrors: string[] = [];
  reasons = new Set<string>();

  constructor(readonly base: string) {}

  /** One GET; its status, and the body's `reason` (or `error` on /health) when there is one. */
  async get(path: string): Promise<{ status: number; reason?: string; body: unknown }> {
    this.requests += 1;
    const answer = await fetch(`${this.base}${path}`);
    const body = (await answer.json().catch(() => undefined)) as Record<string, unknown>;
    const reason = (body?.reason ?? body?.error) as string | undefined;
    if (answer.status === 200) this.ok += 1;
    else if (answer.status === 503 && typeof reason === 'string' && reason.length > 20) {
      this.unavailableWithReason += 1;
      this.reasons.add(`${path}: ${reason}`);
    } else if (answer.status === 503) this.unavailableWithoutReason += 1;
    else this.otherErrors.push(`${path} → ${answer.status} ${JSON.stringify(body)}`);
    return { status: answer.status, body, ...(reason !== undefined ? { reason } : {}) };
  }

  /** Requests the API and /ready until `done` says so; throws after the timeout. */
  async until(
    what: string,
    done: (api: { status: number; reason?: string; body: unknown }, ready: number) => boolean,
  ): Promise<{ status: number; reason?: string; body: unknown }> {
    const deadline = Date.now() + TROUBLE_TIMEOUT_MS;
    for (;;) {
      const api = await this.get('/api/nodes');
      const ready = await this.get('/ready');
      if (done(api, ready.status)) return api;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}: last /api/nodes ${JSON.stringify(api)}`);
      }
      await sleep(REQUEST_GAP_MS);
    }
  }
}

const figures: FigureRow[] = [];

/**
 * One trouble on a running reader: `cause` it, expect the API and /ready to answer 503 with a
 * reason matching `reason` (never another 5xx), `cure` it, and expect both to answer 200 again;
 * the figures go into the table.
 */
async function trouble(
  dialect: string,
  name: string,
  base: string,
  {
    cause,
    cure,
    reason,
  }: { cause: () => Promise<void> | void; cure: () => Promise<void> | void; reason: RegExp },
): Promise<void> {
  const tally = new Tally(base);
  expect((await tally.get('/api/nodes')).status).toBe(200);
  await cause();
  // A query that runs between the trouble and the reader's next schema poll may fail with
  // SQLite's own error (a deleted file: SQLITE_IOERR_FSTAT), a 503 with that reason; from the
  // poll on, the reason names the file and the fix.
  const seen = await tally.until(
    `503 naming the trouble after "${name}"`,
    (api, ready) => api.status === 503 && ready === 503 && reason.test(api.reason ?? ''),
  );
  const ready = await tally.get('/ready');
  await cure();
  const cured = Date.now();
  await tally.until(`recovery after "${name}"`, (api, r) => api.status === 200 && r === 200);
  const recoverS = (Date.now() - cured) / 1000;
  figures.push({
    dialect,
    case: name,
    requests: tally.requests,
    '5xx other than 503': tally.otherErrors.length,
    '503 with reason': tally.unavailableWithReason,
    '503 without reason': tally.unavailableWithoutReason,
    recovered: true,
    'seconds to recover': recoverS.toFixed(1),
    'reason (API)': seen.reason?.slice(0, 110) ?? null,
  });
  expect(tally.otherErrors).toEqual([]);
  expect(tally.unavailableWithoutReason).toBe(0);
  expect(seen.reason, JSON.stringify(seen)).toMatch(reason);
  expect(ready.reason, JSON.stringify(ready)).toMatch(reason);
}

/** Starts a reader and resolves with its base URL once it listens. */
async function startReader(
  config: string,
  name: string,
): Promise<{ reader: AppProcess; base: string }> {
  const reader = startApp('reader', ['--config', config], { name });
  const line = await reader.waitForLog(LISTENING, 120_000);
  return { reader, base: String(line.address) };
}

/** A node row, so that `/api/nodes` shows which database the reader reads. */
async function insertNode(url: string, nodeNumber: number): Promise<void> {
  const handle = await openDatabase(url);
  try {
    const now = Date.now() * 1000;
    await handle.db
      .insertInto('node')
      .values({
        id: `!${nodeNumber.toString(16).padStart(8, '0')}`,
        node_id: nodeNumber,
        long_name: `Node ${nodeNumber}`,
        short_name: `N${nodeNumber}`,
        channel: 'LongFast',
        first_seen_us: now,
        last_seen_us: now,
      })
      .execute();
    // Everything into the main file: the copies below are whole databases.
    if (handle.dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(handle.db);
  } finally {
    await handle.close();
  }
}

const nodeIds = (body: unknown): number[] =>
  ((body as { nodes?: { node_id: number }[] })?.nodes ?? []).map((n) => n.node_id);

describe('reader trouble: its database missing, damaged, replaced or dropped', () => {
  afterEach(killAllApps);

  it(
    'sqlite: a missing file at start, then deleted, overwritten and replaced while it runs',
    { timeout: 600_000 },
    async () => {
      const dir = makeTempDir('reader-trouble');
      const url = await freshDatabaseUrl('sqlite', 'reader_trouble');
      const file = url.replace(/^sqlite:\/\/\//, '');

      // (a) Started before the file exists, with a short wait: it exits naming the file and the fix.
      const short = writeAppConfig(dir, { connectionString: url, waitRetries: 3, waitDelayS: 0.2 });
      const early = startApp('reader', ['--config', short], { name: 'reader, short wait' });
      expect((await early.waitForExit(60_000)).code).toBe(1);
      expect(early.stderr).toMatch(/^reader failed \[MIGRATE_WAIT_TIMEOUT\]: /);
      expect(early.stderr).toContain(`database file ${file} does not exist yet`);
      expect(early.stderr).toContain('Is the writer running?');

      // … with a long wait: it waits, naming the file, and listens once the writer has migrated.
      const config = writeAppConfig(dir, {
        connectionString: url,
        waitRetries: 600,
        waitDelayS: POLL_S,
      });
      const reader = startApp('reader', ['--config', config], { name: 'reader' });
      const waiting = await reader.waitForLog('waiting for the schema to be current', 60_000);
      expect(String(waiting.state)).toContain(`database file ${file} does not exist yet`);
      const writerStarted = Date.now();
      const writer = startApp('writer', ['--config', config], { name: 'writer' });
      const listening = await reader.waitForLog(LISTENING, 120_000);
      const base = String(listening.address);
      const readyS = (Date.now() - writerStarted) / 1000;
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      expect(await writer.stop(30_000)).toEqual({ code: 0, signal: null });
      figures.push({
        dialect: 'sqlite',
        case: 'missing at start, then created by the writer',
        requests: 1,
        '5xx other than 503': 0,
        recovered: true,
        'seconds to recover': readyS.toFixed(1),
      });
      // A restart once the file is there listens at once.
      const again = await startReader(short, 'reader, restarted');
      expect((await fetch(`${again.base}/ready`)).status).toBe(200);
      await again.reader.stop();

      await insertNode(url, 1);
      const backup = join(dir, 'backup.db');
      copyFileSync(file, backup);

      // (b) Deleted (moved away) while running, and put back.
      await trouble('sqlite', 'file moved away, then back', base, {
        cause: () => renameSync(file, `${file}.moved`),
        cure: () => renameSync(`${file}.moved`, file),
        reason: new RegExp(`database file ${file} is missing`),
      });
      // … deleted for good, and a backup restored.
      await trouble('sqlite', 'file deleted, backup restored', base, {
        cause: () => renameSync(file, join(dir, 'gone.db')),
        cure: () => copyFileSync(backup, file),
        reason: new RegExp(`database file ${file} is missing`),
      });

      // (c) Garbage over its first pages, in place; the backup copied back over it.
      await trouble('sqlite', 'garbage over the first pages', base, {
        cause: () => {
          const fd = openSync(file, 'r+');
          writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 0);
          closeSync(fd);
        },
        cure: () => copyFileSync(backup, file),
        reason: new RegExp(`database file ${file} is not a SQLite database`),
      });
      // … replaced by a file that is not a database; a backup renamed over it.
      await trouble('sqlite', 'a text file in its place', base, {
        cause: () => {
          writeFileSync(join(dir, 'notes.txt'), 'not a database\n'.repeat(1000));
          renameSync(join(dir, 'notes.txt'), file);
        },
        cure: () => {
          copyFileSync(backup, join(dir, 'restore.db'));
          renameSync(join(dir, 'restore.db'), file);
        },
        reason: new RegExp(`database file ${file} is not a SQLite database`),
      });

      // (d) Another valid database renamed over it (a restored backup with other content): served.
      const other = join(dir, 'other.db');
      copyFileSync(backup, other);
      await insertNode(`sqlite:///${other}`, 2);
      const tally = new Tally(base);
      expect(nodeIds((await tally.get('/api/nodes')).body)).toEqual([1]);
      renameSync(other, file);
      const replaced = Date.now();
      await tally.until(
        'the new file to be served',
        (api, ready) => ready === 200 && nodeIds(api.body).includes(2),
      );
      figures.push({
        dialect: 'sqlite',
        case: 'another database renamed over it',
        requests: tally.requests,
        '5xx other than 503': tally.otherErrors.length,
        '503 with reason': tally.unavailableWithReason,
        '503 without reason': tally.unavailableWithoutReason,
        recovered: true,
        'seconds to recover': ((Date.now() - replaced) / 1000).toFixed(1),
      });
      expect(tally.otherErrors).toEqual([]);
      expect(tally.unavailableWithoutReason + tally.unavailableWithReason).toBe(0);
      expect(reader.findLog('was replaced or put back')).toBeDefined();
      expect(await reader.stop()).toEqual({ code: 0, signal: null });
      expect(reader.filterLogs((l) => (l.level ?? 0) >= 50).map((l) => l.msg)).toEqual([]);
    },
  );

  it.skipIf(pgSkipReason)(
    `postgres: the database dropped while the reader runs, then created and migrated again${pgSkipReason ? ` (${pgSkipReason})` : ''}`,
    { timeout: 300_000 },
    async () => {
      const dir = makeTempDir('reader-trouble');
      const url = await freshDatabaseUrl('postgres', 'reader_trouble');
      const name = new URL(url).pathname.slice(1);
      await migrateToProductHead(url);
      await insertNode(url, 1);
      const config = writeAppConfig(dir, {
        connectionString: url,
        waitRetries: 20,
        waitDelayS: POLL_S,
      });
      const { reader, base } = await startReader(config, 'reader');

      await trouble('postgres', 'database dropped, then created and migrated', base, {
        cause: () => pgExecute(testPgUrl!, `DROP DATABASE "${name}" WITH (FORCE)`),
        cure: async () => {
          await pgExecute(testPgUrl!, `CREATE DATABASE "${name}"`);
          await migrateToProductHead(url);
        },
        reason: new RegExp(`${name}.*does not exist|does not exist.*${name}`),
      });
      expect(await reader.stop()).toEqual({ code: 0, signal: null });
      expect(reader.filterLogs((l) => (l.level ?? 0) >= 50).map((l) => l.msg)).toEqual([]);
    },
  );

  it('reports its figures', () => {
    reportFigures('reader-trouble', figures, { poll_s: POLL_S, request_gap_ms: REQUEST_GAP_MS });
  });
});
