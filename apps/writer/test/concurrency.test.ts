import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import type { FixtureRevision } from '#test/scripts.js';
import {
  killAllApps,
  startApp,
  waitUntil,
  writeAppConfig,
  type AppProcess,
} from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';
import {
  EXEC_COUNT,
  js,
  noteLines as lines,
  noteThenWaitForGate,
  PRODUCT_REVISIONS,
  productChainWith,
} from '#test/product-chain.js';

const READY = /writer ready$/;
/** Far longer than any test here: no takeover below may come from a lease running out. */
const LEASE_S = 600;

/**
 * A slow revision that counts its runs (a line in `runs`, a row in exec_count) and then blocks
 * inside its transaction until the test creates `gate`: the test decides how long the lock is
 * held, so every other writer is forced to contend for it.
 */
function gatedRevision(runs: string, gate: string): FixtureRevision {
  return {
    id: 'f2_gated',
    down: EXEC_COUNT.id,
    up: [],
    upPrelude: `${noteThenWaitForGate(runs, 'ran', gate)}
  await ctx.execute('INSERT INTO exec_count (pid) VALUES (' + process.pid + ')');`,
  };
}

/**
 * A revision that notes "started", does part of its work (a table, a row in exec_count), notes
 * "partial" and then, in the first process that runs it only, hangs for a minute: that one is
 * killed mid-revision, and the next one runs it quickly.
 */
function killableRevision(notes: string): FixtureRevision {
  return {
    id: 'k2_killable',
    down: EXEC_COUNT.id,
    up: [],
    upPrelude: `
  const fs = await import('node:fs');
  const first = !(fs.existsSync(${js(notes)}) && fs.readFileSync(${js(notes)}, 'utf8').includes('started'));
  fs.appendFileSync(${js(notes)}, 'started ' + process.pid + '\\n');
  await ctx.execute('CREATE TABLE half_done (id INTEGER)');
  await ctx.execute('INSERT INTO exec_count (pid) VALUES (' + process.pid + ')');
  fs.appendFileSync(${js(notes)}, 'partial ' + process.pid + '\\n');
  if (first) await new Promise((resolve) => setTimeout(resolve, 60000));`,
  };
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`writers racing on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    afterEach(killAllApps);

    async function setup(revisions: (dir: string) => readonly FixtureRevision[]) {
      const dir = makeTempDir('writer-race');
      const url = await freshDatabaseUrl(dialect, 'writer_race');
      const config = writeAppConfig(dir, { connectionString: url, lockLeaseS: LEASE_S });
      const scripts = productChainWith([EXEC_COUNT, ...revisions(dir)]);
      const start = (name: string): AppProcess =>
        startApp('writer', ['--config', config, '--migrations', scripts], { name });
      return { dir, url, start };
    }

    async function inspect(url: string) {
      const handle = await openDatabase<unknown>(url);
      try {
        const { db } = handle;
        const versions = await sql<{ v: string }>`SELECT version_num AS v FROM alembic_version`
          .execute(db)
          .then((r) => r.rows.map((row) => row.v));
        const execs = await sql<{ pid: number }>`SELECT pid FROM exec_count`
          .execute(db)
          .then((r) => r.rows.map((row) => Number(row.pid)));
        const flag = await sql<Record<string, unknown>>`SELECT * FROM migration_status`
          .execute(db)
          .then((r) => r.rows);
        const halfDone =
          dialect === 'sqlite'
            ? await sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'half_done'`.execute(
                db,
              )
            : await sql`SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name = 'half_done'`.execute(db);
        return { versions, execs, flag, halfDoneTables: halfDone.rows.length };
      } finally {
        await handle.close();
      }
    }

    it.each([2, 10])(
      'runs a revision exactly once when %i writers start at once',
      { timeout: 90_000 },
      async (count) => {
        let runs = '';
        let gate = '';
        const { url, start } = await setup((dir) => {
          runs = join(dir, 'runs.txt');
          gate = join(dir, 'gate');
          return [gatedRevision(runs, gate)];
        });
        const writers = Array.from({ length: count }, (_, i) => start(`writer ${i + 1}`));

        // Forced, not lucky: the gate opens only once one writer is inside the slow revision and
        // every writer has seen work pending (so each must go through the lock).
        await waitUntil(
          () => {
            const gone = writers.find((w) => !w.running);
            if (gone) throw new Error(`${gone.name} exited early:\n${gone.output()}`);
            // "upgrade f2_gated:" is logged just before the script starts: wait for its line too.
            return (
              writers.every((w) => w.findLog((l) => l.head === 'f2_gated')) &&
              writers.some((w) => w.findLog('upgrade f2_gated:')) &&
              lines(runs).length > 0
            );
          },
          { timeoutMs: 60_000, what: 'every writer to start migrating' },
        ).catch((error: Error) => {
          throw new Error(`${error.message}\n${writers.map((w) => w.output()).join('\n')}`);
        });
        for (const w of writers) {
          const status = w.findLog((l) => l.head === 'f2_gated')!;
          expect(status.state, w.output()).not.toBe('current');
        }
        expect(lines(runs)).toHaveLength(1);
        writeFileSync(gate, '');

        const ready = await Promise.all(writers.map((w) => w.waitForLog(READY, 60_000)));
        const migrators = ready.filter((line) => (line.applied as string[]).length > 0);
        expect(migrators).toHaveLength(1);
        expect(migrators[0]!.applied).toEqual([...PRODUCT_REVISIONS, 'f1_exec_count', 'f2_gated']);
        for (const w of writers) {
          expect(w.running, w.output()).toBe(true);
          expect(w.findLog(/nothing to do$/) ?? w.findLog('upgrade f2_gated:')).toBeDefined();
        }

        const state = await inspect(url);
        expect(state.versions).toEqual(['f2_gated']);
        expect(state.execs).toHaveLength(1);
        expect(lines(runs)).toHaveLength(1);
        expect(state.flag).toMatchObject([
          { in_progress: false, lock_token: null, last_error: null },
        ]);

        const exits = await Promise.all(writers.map((w) => w.stop(30_000)));
        expect(exits).toEqual(writers.map(() => ({ code: 0, signal: null })));
      },
    );

    it('takes over at once from a lock holder killed mid-revision, leaving no trace of it', async () => {
      let notes = '';
      const { url, start } = await setup((dir) => {
        notes = join(dir, 'notes.txt');
        return [killableRevision(notes)];
      });

      const a = start('writer A');
      await waitUntil(() => lines(notes).includes(`partial ${a.pid}`), {
        timeoutMs: 30_000,
        what: 'writer A to be mid-revision',
      });
      const b = start('writer B');
      await b.waitForLog('waiting for the migration lock', 30_000);
      expect(b.findLog(READY)).toBeUndefined();
      expect(a.running).toBe(true);

      a.kill('SIGKILL');
      expect(await a.waitForExit(10_000)).toEqual({ code: null, signal: 'SIGKILL' });
      // The kernel (SQLite) or the server (PostgreSQL) freed A's lock when A died: B goes on
      // without waiting out the lease, which is far longer than this test.
      const ready = await b.waitForLog(READY, 20_000);
      expect(ready.applied).toEqual(['k2_killable']);
      const cleared = b.findLog(/^cleared a stale migration flag/);
      expect(cleared?.msg, b.output()).toMatch(
        new RegExp(
          `^cleared a stale migration flag: pid ${a.pid} on \\S+ set it at \\S+ ` +
            `\\(migrating from base to k2_killable\\) and is gone`,
        ),
      );
      expect(cleared).toMatchObject({ previousPid: a.pid, level: 40 });
      expect(lines(notes)).toEqual([
        `started ${a.pid}`,
        `partial ${a.pid}`,
        `started ${b.pid}`,
        `partial ${b.pid}`,
      ]);

      const state = await inspect(url);
      expect(state.versions).toEqual(['k2_killable']);
      expect(state.halfDoneTables).toBe(1);
      // A's row was rolled back with the rest of its revision; only B's remains.
      expect(state.execs).toEqual([b.pid]);
      expect(state.flag).toMatchObject([
        {
          in_progress: false,
          lock_token: null,
          last_error: null,
          owner_pid: b.pid,
          from_revision: 'f1_exec_count',
          to_revision: 'k2_killable',
        },
      ]);
      expect(await b.stop()).toEqual({ code: 0, signal: null });
    });
  });
}
