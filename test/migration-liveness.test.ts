import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { noteThenWaitForGate, productChainWith } from '#test/product-chain.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import {
  IN_OTHER_NAMESPACES,
  killAllApps,
  namespacesSkipReason,
  startApp,
  waitUntil,
  writeAppConfig,
  type AppProcess,
} from '#test/processes.js';
import { PRODUCT_HEAD } from '#test/product.js';
import type { FixtureRevision } from '#test/scripts.js';
import { makeTempDir } from '#test/tmp.js';

const WRITER_READY = /writer ready$/;
const LISTENING = /^reader listening on /;
const PAUSED = 'test hook: paused before clearing the flag';
const WAIT_DELAY_S = 0.5;

/**
 * A revision that notes that it started, then waits inside its transaction (holding the lock and
 * the flag) until the test creates `gate`.
 */
function gatedRevision(notes: string, gate: string): FixtureRevision {
  return {
    id: 'g1_gated',
    down: PRODUCT_HEAD,
    up: ['CREATE TABLE gated_done (id INTEGER)'],
    upPrelude: noteThenWaitForGate(notes, 'started', gate),
  };
}

interface FlagRow {
  readonly in_progress: unknown;
  readonly owner_pid: number | null;
  readonly lock_token: string | null;
  readonly last_error: string | null;
}

const isSet = (value: unknown): boolean => value === true || Number(value) === 1;

async function readFlagRow(url: string): Promise<FlagRow> {
  const handle = await openDatabase<unknown>(url, { readOnly: true });
  try {
    const { rows } = await sql<FlagRow>`SELECT in_progress, owner_pid, lock_token, last_error
      FROM migration_status WHERE id = 1`.execute(handle.db);
    return rows[0]!;
  } finally {
    await handle.close();
  }
}

/** The fields of the reader's `/ready` and `/health` answers that these tests read. */
interface ProbeBody {
  readonly reason: string;
  readonly migration?: { readonly stale: boolean } | null;
}

/** `GET path` on a reader that logged where it listens. */
async function get(reader: AppProcess, path: string): Promise<{ status: number; body: ProbeBody }> {
  const base = String(reader.findLog(LISTENING)!.address);
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: (await response.json()) as ProbeBody };
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `readiness when a migrator dies or runs long, on ${dialect}${skip ? ` (${skip})` : ''}`,
    // Each test runs two writers and two readers as processes: a bound for a loaded machine.
    { timeout: 90_000 },
    () => {
      afterEach(killAllApps);

      /**
       * Two readers: one beside the writers, and one in pid and host namespaces of its own (as in
       * another container on the same volume), when this machine can make them.
       */
      function startReaders(config: string): AppProcess[] {
        const readers = [startApp('reader', ['--config', config], { name: 'reader' })];
        if (!namespacesSkipReason) {
          readers.push(
            startApp('reader', ['--config', config], {
              name: 'reader in other namespaces',
              wrapper: IN_OTHER_NAMESPACES,
            }),
          );
        }
        return readers;
      }

      it('is ready within a poll once a writer killed before clearing the flag is gone; the next writer clears it', async () => {
        if (namespacesSkipReason) console.warn(`other-namespace reader ${namespacesSkipReason}`);
        const url = await freshDatabaseUrl(dialect, 'liveness_kill');
        // A lease far longer than the test: readiness must not come from time passing.
        const config = writeAppConfig(makeTempDir('liveness-kill'), {
          connectionString: url,
          waitRetries: 120,
          waitDelayS: WAIT_DELAY_S,
          lockLeaseS: 600,
        });
        const readers = startReaders(config);
        const a = startApp('writer', ['--config', config], {
          name: 'writer A',
          env: { MESHVIEW_TEST_HOOK: 'pause-before-clearing-flag' },
        });
        await a.waitForLog(PAUSED, 30_000);
        // Every revision is committed, the flag is still set, and A is alive: readers wait.
        const paused = await readFlagRow(url);
        expect(isSet(paused.in_progress)).toBe(true);
        expect(paused.owner_pid).toBe(a.pid);
        const polls = readers.map((r) => r.logs.length);
        await sleep(WAIT_DELAY_S * 1000 * 3);
        // On a loaded machine a reader may not have polled in that time: wait for its next poll
        // (the check is what it says then, not how soon it says it).
        for (const [i, reader] of readers.entries()) {
          await waitUntil(() => reader.logs.length > polls[i]! || !reader.running, {
            timeoutMs: 60_000,
            what: `a poll of the schema by ${reader.output().split('\n')[0]}`,
          });
        }
        for (const [i, reader] of readers.entries()) {
          expect(reader.running, reader.output()).toBe(true);
          expect(reader.findLog(LISTENING), reader.output()).toBeUndefined();
          const latest = reader.logs.slice(polls[i]).at(-1);
          expect(String(latest?.state), reader.output()).toMatch(
            new RegExp(`migration in progress .*by pid ${a.pid} on `),
          );
        }

        expect(a.running, a.output()).toBe(true);
        a.kill('SIGKILL');
        const killedAt = Date.now();
        expect(await a.waitForExit(10_000)).toEqual({ code: null, signal: 'SIGKILL' });
        // Nobody cleared the flag: the readers see that its migrator is gone.
        expect(isSet((await readFlagRow(url)).in_progress)).toBe(true);
        for (const reader of readers) {
          const listening = await reader.waitForLog(LISTENING, 30_000);
          // Within one poll, however loaded the machine: at most one poll that began before the
          // kill still saw the migration running; the next one saw that its migrator was gone.
          const sawRunning = reader.logs.filter(
            (l) => l.time >= killedAt && String(l.state).includes('; migration in progress'),
          );
          expect(sawRunning.length, reader.output()).toBeLessThanOrEqual(1);
          expect(listening.time).toBeGreaterThanOrEqual(killedAt);
          const ready = await get(reader, '/ready');
          expect(ready.status, reader.output()).toBe(200);
          expect(ready.body.reason).toContain('the flag is stale');
          const health = await get(reader, '/health');
          expect(health.body.migration).toMatchObject({
            in_progress: false,
            stale: true,
            owner_pid: a.pid,
          });
        }

        // The next writer has nothing to run, and clears the stale flag, saying whose it was.
        const b = startApp('writer', ['--config', config], { name: 'writer B' });
        const ready = await b.waitForLog(WRITER_READY, 30_000);
        expect(ready.applied).toEqual([]);
        const cleared = b.findLog(/^cleared a stale migration flag/);
        expect(cleared?.msg, b.output()).toMatch(
          new RegExp(
            `^cleared a stale migration flag: pid ${a.pid} on \\S+ set it at .* and is gone`,
          ),
        );
        const after = await readFlagRow(url);
        expect(isSet(after.in_progress)).toBe(false);
        expect(after.lock_token).toBeNull();
        expect(after.last_error).toMatch(
          new RegExp(`^pid ${a.pid} on \\S+ stopped before it cleared the migration flag`),
        );
        for (const reader of readers) {
          await waitUntil(
            async () => (await get(reader, '/health')).body.migration?.stale === false,
            {
              timeoutMs: 10_000,
              what: `${reader.name} to see the flag cleared`,
            },
          );
          expect((await get(reader, '/ready')).status).toBe(200);
        }
        expect(await b.stop()).toEqual({ code: 0, signal: null });
      });

      it('stays unready while a live migrator runs a revision longer than the lease, and a second writer neither clears its flag nor migrates', async () => {
        const url = await freshDatabaseUrl(dialect, 'liveness_long');
        const dir = makeTempDir('liveness-long');
        const leaseS = 1;
        const config = writeAppConfig(dir, {
          connectionString: url,
          waitRetries: 120,
          waitDelayS: WAIT_DELAY_S,
          lockLeaseS: leaseS,
        });
        const first = startApp('writer', ['--config', config], { name: 'first writer' });
        await first.waitForLog(WRITER_READY, 30_000);
        expect(await first.stop()).toEqual({ code: 0, signal: null });
        // Readers of the product's scripts, ready at its head.
        const readers = startReaders(config);
        for (const reader of readers) await reader.waitForLog(LISTENING, 30_000);
        for (const reader of readers) expect((await get(reader, '/ready')).status).toBe(200);

        const notes = join(dir, 'notes.txt');
        const gate = join(dir, 'gate');
        const chain = productChainWith([gatedRevision(notes, gate)]);
        const start = (name: string) =>
          startApp('writer', ['--config', config, '--migrations', chain], { name });
        const a = start('writer A');
        await waitUntil(
          () => existsSync(notes) && readFileSync(notes, 'utf8').includes('started'),
          {
            timeoutMs: 30_000,
            what: 'writer A to be inside the gated revision',
          },
        );
        const b = start('writer B');
        await b.waitForLog('waiting for the migration lock', 30_000);

        // Longer than the lease, and long enough for B to log its wait again (every 5 s).
        await sleep(6_000);
        const flag = await readFlagRow(url);
        expect(isSet(flag.in_progress)).toBe(true);
        expect(flag.owner_pid).toBe(a.pid);
        for (const reader of readers) {
          const ready = await get(reader, '/ready');
          expect(ready.status, reader.output()).toBe(503);
          expect(ready.body.reason).toMatch(
            new RegExp(`^migration in progress: .*by pid ${a.pid} on `),
          );
        }
        expect(b.running, b.output()).toBe(true);
        expect(b.findLog(/^cleared a stale migration flag/)).toBeUndefined();
        expect(b.findLog(/^took over the migration lock/)).toBeUndefined();
        expect(b.findLog('upgrade g1_gated:')).toBeUndefined();
        expect(b.findLog(WRITER_READY)).toBeUndefined();
        const stuck = b.findLog(/has not finished a revision for/);
        expect(stuck?.msg, b.output()).toMatch(
          new RegExp(`^waiting for the migration lock: pid ${a.pid} on \\S+ holds it`),
        );
        expect(readFileSync(notes, 'utf8')).toBe(`started ${a.pid}\n`);

        writeFileSync(gate, '');
        const aReady = await a.waitForLog(WRITER_READY, 30_000);
        expect(aReady.applied).toEqual(['g1_gated']);
        const bReady = await b.waitForLog(WRITER_READY, 30_000);
        expect(bReady.applied).toEqual([]);
        expect(b.findLog(/^cleared a stale migration flag/)).toBeUndefined();
        expect(readFileSync(notes, 'utf8')).toBe(`started ${a.pid}\n`);
        const after = await readFlagRow(url);
        expect(isSet(after.in_progress)).toBe(false);
        expect(after.last_error).toBeNull();
        // The readers' scripts end before g1_gated: unready now for that reason, not the flag.
        for (const reader of readers) {
          await waitUntil(
            async () => /^schema is unknown/.test((await get(reader, '/ready')).body.reason),
            { timeoutMs: 10_000, what: `${reader.name} to see the new revision` },
          );
        }
        expect(await a.stop()).toEqual({ code: 0, signal: null });
        expect(await b.stop()).toEqual({ code: 0, signal: null });
      });
    },
  );
}
