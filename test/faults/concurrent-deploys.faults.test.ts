import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { killAllApps, startApp, writeAppConfig, type AppProcess } from '#test/processes.js';
import {
  EXEC_COUNT,
  js,
  noteLines,
  PRODUCT_REVISIONS,
  productChainWith,
} from '#test/product-chain.js';
import type { FixtureRevision } from '#test/scripts.js';
import { makeTempDir } from '#test/tmp.js';
import { reportFigures, type FigureRow } from './support/figures.js';
import { pick } from './support/level.js';

// Issue 16, item 2: writers of a new release started together on a fresh database (a rolling
// deploy gone wide, or ten replicas of a compose service) agree on one migrator.

const WRITERS = 10;
const ROUNDS = pick({ ci: 1, full: 5 });
/** How long the slow revision sleeps inside its transaction, holding the migration lock. */
const SLOW_MS = 3000;
/** Longer than any round: a writer that takes over does so because the holder is gone, not late. */
const LEASE_S = 120;
const READY = /writer ready$/;
/** pino's `error` level and above. */
const ERROR_LEVEL = 50;

/**
 * A slow revision that counts every run twice: a line in `runs`, appended before its work and
 * outside any transaction (a run rolled back still shows), and a row in exec_count, which
 * commits with the revision.
 */
function slowCountedRevision(runs: string): FixtureRevision {
  return {
    id: 's2_slow',
    down: EXEC_COUNT.id,
    up: ['CREATE TABLE slow_done (id INTEGER)'],
    upPrelude: `
  const fs = await import('node:fs');
  fs.appendFileSync(${js(runs)}, 'ran ' + process.pid + '\\n');
  await ctx.execute('INSERT INTO exec_count (pid) VALUES (' + process.pid + ')');
  await new Promise((resolve) => setTimeout(resolve, ${SLOW_MS}));`,
  };
}

/** A writer's log lines at error level or above, and its stderr: what a clean deploy has none of. */
function errorsOf(writer: AppProcess): string[] {
  return [
    ...writer.filterLogs((l) => (l.level ?? 0) >= ERROR_LEVEL).map((l) => `log: ${l.msg}`),
    ...(writer.stderr.trim() ? [`stderr: ${writer.stderr.trim()}`] : []),
  ];
}

const figures: FigureRow[] = [];

describe('concurrent deploys: 10 writers started together on a fresh database', () => {
  afterEach(killAllApps);

  for (const { name: dialect, skip } of DIALECTS) {
    it.skipIf(skip)(
      `${dialect}: the slow revision runs once and every writer reaches head, without errors${skip ? ` (${skip})` : ''}`,
      { timeout: ROUNDS * 240_000 },
      async () => {
        for (let round = 1; round <= ROUNDS; round++) {
          const dir = makeTempDir('concurrent-deploys');
          const url = await freshDatabaseUrl(dialect, 'concurrent_deploys');
          const runs = join(dir, 'runs.txt');
          const config = writeAppConfig(dir, { connectionString: url, lockLeaseS: LEASE_S });
          const scripts = productChainWith([EXEC_COUNT, slowCountedRevision(runs)]);

          const started = Date.now();
          const writers = Array.from({ length: WRITERS }, (_, i) =>
            startApp('writer', ['--config', config, '--migrations', scripts], {
              name: `${dialect} round ${round} writer ${i + 1}`,
            }),
          );
          const ready = await Promise.all(writers.map((w) => w.waitForLog(READY, 180_000)));
          const allReadyS = (Date.now() - started) / 1000;

          const migrators = ready.filter((line) => (line.applied as string[]).length > 0);
          const waited = writers.filter((w) => w.findLog('waiting for the migration lock'));
          const handle = await openDatabase<unknown>(url);
          let versions: string[];
          let execs: number;
          try {
            versions = (
              await sql<{ v: string }>`SELECT version_num AS v FROM alembic_version`.execute(
                handle.db,
              )
            ).rows.map((r) => r.v);
            execs = (await sql`SELECT pid FROM exec_count`.execute(handle.db)).rows.length;
          } finally {
            await handle.close();
          }
          const exits = await Promise.all(writers.map((w) => w.stop(30_000)));
          const errors = writers.flatMap((w) => errorsOf(w).map((e) => `${w.name}: ${e}`));

          figures.push({
            dialect,
            round,
            writers: WRITERS,
            'slow revision runs': noteLines(runs).length,
            'committed runs': execs,
            migrators: migrators.length,
            'waited for the lock': waited.length,
            'reached head': ready.length,
            'clean exits': exits.filter((e) => e.code === 0).length,
            errors: errors.length,
            'all ready (s)': allReadyS.toFixed(1),
          });

          expect(errors, errors.join('\n')).toEqual([]);
          expect(noteLines(runs)).toHaveLength(1);
          expect(execs).toBe(1);
          expect(versions).toEqual(['s2_slow']);
          expect(migrators).toHaveLength(1);
          expect(migrators[0]!.applied).toEqual([...PRODUCT_REVISIONS, EXEC_COUNT.id, 's2_slow']);
          for (const line of ready) expect(line.current).toEqual(['s2_slow']);
          expect(exits).toEqual(writers.map(() => ({ code: 0, signal: null })));
        }
      },
    );
  }

  it('reports its figures', () => {
    reportFigures('concurrent-deploys', figures, {
      writers: WRITERS,
      rounds: ROUNDS,
      slow_ms: SLOW_MS,
      lease_s: LEASE_S,
    });
  });
});
