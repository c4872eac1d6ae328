import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db/connection';
import { createMeshviewMigrator, scriptLocationFor } from '@meshview/migrations';
import {
  CASCADE_TABLES,
  fillParentAndChild,
  tableSums,
  type TableSums,
} from '#test/cascade-fixture.js';
import {
  DIALECTS,
  freshDatabaseUrl,
  schemaSnapshot,
  type DialectUnderTest,
} from '#test/databases.js';
import { writeOpScripts } from '#test/op-scripts.js';
import { pgExecute, testPgUrl } from '#test/postgres.js';
import { productChainWith } from '#test/product-chain.js';
import { PRODUCT_HEAD } from '#test/product.js';
import { killAllApps, startApp, writeAppConfig, type AppProcess } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';
import { reportFigures } from './support/figures.js';
import { faultsLevel, pick } from './support/level.js';

// Issue 16, item 1: a multi-revision upgrade (a SQLite table rebuild of a populated parent with
// ON DELETE CASCADE children among it) is SIGKILLed at each statement boundary of the run, chosen
// by the writer's test hook (MESHVIEW_TEST_HOOK=kill-at-statement:N, N from a first run with
// count-statements), and in the gap between the last commit and the flag's clearing
// (pause-before-clearing-flag). Every kill starts from a copy of the same populated database.

/** Rows of `parent` (and as many of `child`) at the starting revision. */
const ROWS = pick({ ci: 2_000, full: 5_000 });
/**
 * Which statement boundaries get a kill: every one at the full level; at ci, just before each
 * COMMIT (every statement of the transaction sent, none committed) and in the middle of each
 * SQLite rebuild (the old table renamed away, the new one being filled or the old one dropped).
 */
const EVERY_BOUNDARY = faultsLevel() !== 'ci';
const CI_BOUNDARY = /^(COMMIT|INSERT INTO \w+ \(rowid|DROP TABLE _)/;
const WRITER_READY = /writer ready$/;
const LISTENING = /^reader listening on /;
const PAUSED = 'test hook: paused before clearing the flag';
const STATEMENT = 'test hook: statement';

/** The starting revision (the fixture's tables, then populated) and the upgrade under test. */
const START = 'crash0_tables';
const CHAIN = [
  'crash1_note',
  'crash2_rebuild_parent',
  'crash3_audit',
  'crash4_rebuild_child',
  'crash5_backfill',
  'crash6_index',
] as const;
const HEAD = CHAIN.at(-1)!;
const REVISIONS: readonly string[] = [START, ...CHAIN];

/**
 * The product's scripts, then the fixture's tables, then six revisions: a column added, the
 * parent's `name` changed to TEXT (a rebuild of a table with cascade children on SQLite, learnt
 * from the operation; in place on PostgreSQL), a second cascade child filled from the parent, the
 * child's `v` made NOT NULL (a rebuild of a child, declared), a backfill and an index.
 */
function crashChain(): string {
  const chain = productChainWith([{ id: START, down: PRODUCT_HEAD, up: CASCADE_TABLES }]);
  const column = 'primaryKey: false, autoincrement: false, unique: false, serverDefault: null';
  const [note, rebuildParent, audit, rebuildChild, backfill, index] = CHAIN;
  writeOpScripts(chain, [
    {
      id: note,
      down: START,
      up: `await op.addColumn('parent', { name: 'note', type: { kind: 'text' }, nullable: true, ${column} });`,
    },
    {
      id: rebuildParent,
      down: note,
      up: "await op.alterColumn('parent', 'name', { type: { kind: 'text' } });",
    },
    {
      id: audit,
      down: rebuildParent,
      up: `await ctx.execute('CREATE TABLE audit (id INTEGER NOT NULL, parent_id INTEGER NOT NULL, ' +
        'PRIMARY KEY (id), FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE)');
      await ctx.execute('INSERT INTO audit (id, parent_id) SELECT id, id FROM parent');`,
    },
    {
      id: rebuildChild,
      down: audit,
      up: "await op.alterColumn('child', 'v', { nullable: false });",
      foreignKeysOff: true,
    },
    {
      id: backfill,
      down: rebuildChild,
      up: 'await ctx.execute("UPDATE parent SET note = \'n\' || id");',
    },
    {
      id: index,
      down: backfill,
      up: "await ctx.execute('CREATE INDEX ix_parent_note ON parent (note)');",
    },
  ]);
  return chain;
}

/** A kill point: before statement `n` of the run, or in the gap before the flag is cleared. */
type KillPoint = { readonly statement: number; readonly sql: string } | 'gap';

/** What one database holds that a crash must not change. */
interface Contents {
  readonly version: readonly string[];
  readonly schema: readonly string[];
  readonly sums: TableSums;
  /** Rows of `audit` (null before it exists) and of `parent` with a note (null before the column). */
  readonly audit: number | null;
  readonly notes: number | null;
}

async function readContents(dialect: DialectUnderTest, url: string): Promise<Contents> {
  // Writable: SQLite rolls back what a killed writer left in its journal, as the next start would.
  const handle = await openDatabase<unknown>(url);
  try {
    const db = handle.db;
    const { rows } = await sql<{ version_num: string }>`
      SELECT version_num FROM alembic_version ORDER BY version_num`.execute(db);
    const version = rows.map((r) => r.version_num);
    // Which of the fixture's tables and columns the revision has (the schema check pins the rest).
    const reached = (rev: string) =>
      version.length === 1 && REVISIONS.indexOf(version[0]!) >= REVISIONS.indexOf(rev);
    return {
      version,
      schema: await schemaSnapshot(dialect, db),
      sums: await tableSums(db),
      audit: reached('crash3_audit') ? await count(db, 'SELECT count(*) AS n FROM audit') : null,
      notes: reached('crash1_note') ? await count(db, 'SELECT count(note) AS n FROM parent') : null,
    };
  } finally {
    await handle.close();
  }
}

async function count(db: Kysely<unknown>, query: string): Promise<number> {
  const { rows } = await sql.raw<{ n: number | string }>(query).execute(db);
  return Number(rows[0]!.n);
}

let copies = 0;

/** A copy of the database at `url`: the SQLite file (and its WAL), or a PostgreSQL TEMPLATE copy. */
async function copyDatabase(dialect: DialectUnderTest, url: string): Promise<string> {
  copies += 1;
  if (dialect === 'sqlite') {
    const from = url.slice('sqlite:///'.length);
    const to = join(makeTempDir('crash-copy'), 'meshview.db');
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
    }
    return `sqlite:///${to}`;
  }
  const name = `mvtest_crash_${process.pid}_${copies}`;
  const template = new URL(url).pathname.slice(1);
  await pgExecute(testPgUrl!, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await pgExecute(testPgUrl!, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const copy = new URL(testPgUrl!);
  copy.pathname = `/${name}`;
  return copy.toString();
}

async function dropDatabase(dialect: DialectUnderTest, url: string): Promise<void> {
  if (dialect === 'sqlite') return;
  await pgExecute(
    testPgUrl!,
    `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`,
  );
}

/** The starting database (populated at START) and every revision's schema, migrated cleanly. */
async function prepare(
  dialect: DialectUnderTest,
  chain: string,
): Promise<{ start: string; sums: TableSums; schemas: Map<string, readonly string[]> }> {
  const start = await freshDatabaseUrl(dialect, 'crash_start');
  const schemas = new Map<string, readonly string[]>();
  const migrate = async (
    url: string,
    run: (db: Kysely<unknown>, to: (rev: string) => Promise<void>) => Promise<void>,
  ) => {
    const handle = await openDatabase<unknown>(url);
    try {
      const migrator = await createMeshviewMigrator({
        dialect,
        db: handle.db,
        scripts: scriptLocationFor(chain),
      });
      await run(handle.db, async (rev) => {
        await migrator.upgrade(rev);
      });
    } finally {
      await handle.close();
    }
  };
  await migrate(start, async (db, to) => {
    await to(START);
    await fillParentAndChild(dialect, db, ROWS);
  });
  const reference = await copyDatabase(dialect, start);
  await migrate(reference, async (db, to) => {
    for (const rev of REVISIONS) {
      await to(rev);
      schemas.set(rev, await schemaSnapshot(dialect, db));
    }
  });
  await dropDatabase(dialect, reference);
  const sums = (await readContents(dialect, start)).sums;
  return { start, sums, schemas };
}

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `a writer SIGKILLed at every step of a ${CHAIN.length}-revision upgrade on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      afterEach(killAllApps);

      it(
        'leaves the database at a revision whose schema matches it exactly with every row; the next start finishes and a reader is ready at its first answer',
        { timeout: pick({ ci: 600_000, full: 3_600_000 }) },
        async () => {
          const started = Date.now();
          const chain = crashChain();
          const { start, sums, schemas } = await prepare(dialect, chain);
          expect(sums.parents).toBe(ROWS);
          expect(sums.children).toBe(ROWS);

          const run = (url: string, env: NodeJS.ProcessEnv, name: string): AppProcess => {
            const config = writeAppConfig(makeTempDir('crash-run'), {
              connectionString: url,
              // A reader that finds the schema not current fails at once: "ready at once".
              waitRetries: 1,
            });
            return startApp('writer', ['--config', config, '--migrations', chain], { env, name });
          };

          // The boundaries: a first run that counts (and logs) the statements it sends.
          const counting = await copyDatabase(dialect, start);
          const counter = run(
            counting,
            { MESHVIEW_TEST_HOOK: 'count-statements' },
            'writer counting',
          );
          await counter.waitForLog(WRITER_READY, 120_000);
          await counter.stop(30_000);
          const statements = counter.filterLogs(STATEMENT).map((l) => String(l.sql));
          await dropDatabase(dialect, counting);
          expect(statements.length).toBeGreaterThanOrEqual(25);

          const points: KillPoint[] = [
            ...statements
              .map((s, i) => ({ statement: i + 1, sql: s }))
              .filter((p) => EVERY_BOUNDARY || CI_BOUNDARY.test(p.sql)),
            'gap',
          ];
          const found = new Map<string, number>();
          let restarts = 0;
          let readyAtFirst = 0;
          let rowsKept = 0;
          for (const point of points) {
            const label =
              point === 'gap'
                ? 'the gap before clearing the flag'
                : `statement ${point.statement} (${point.sql})`;
            const url = await copyDatabase(dialect, start);
            const hook =
              point === 'gap'
                ? 'pause-before-clearing-flag'
                : `kill-at-statement:${point.statement}`;
            const victim = run(url, { MESHVIEW_TEST_HOOK: hook }, `writer killed at ${label}`);
            if (point === 'gap') {
              await victim.waitForLog(PAUSED, 120_000);
              victim.kill('SIGKILL');
            }
            const exit = await victim.waitForExit(120_000);
            expect(exit, `${label}\n${victim.output()}`).toEqual({ code: null, signal: 'SIGKILL' });
            if (point !== 'gap') {
              // The run sends the same statements every time: the kill is where it was meant to be.
              expect(victim.stderr).toContain(
                `test hook: killed before statement ${point.statement}: ${point.sql}`,
              );
            }

            const after = await readContents(dialect, url);
            expect(after.version.length, label).toBe(1);
            const at = after.version[0]!;
            expect(REVISIONS, label).toContain(at);
            if (point === 'gap') expect(at, label).toBe(HEAD);
            found.set(at, (found.get(at) ?? 0) + 1);
            expect(after.schema, `schema after a kill at ${label}, at ${at}`).toEqual(
              schemas.get(at),
            );
            expect(after.sums, label).toEqual(sums);
            const reached = (rev: string) => REVISIONS.indexOf(at) >= REVISIONS.indexOf(rev);
            expect(after.audit, label).toBe(reached('crash3_audit') ? ROWS : null);
            expect(after.notes, label).toBe(
              reached('crash5_backfill') ? ROWS : reached('crash1_note') ? 0 : null,
            );

            const writer = run(url, {}, `writer after a kill at ${label}`);
            await writer.waitForLog(WRITER_READY, 120_000);
            restarts += 1;
            const config = writeAppConfig(makeTempDir('crash-reader'), {
              connectionString: url,
              waitRetries: 1,
            });
            const reader = startApp('reader', ['--config', config, '--migrations', chain]);
            const listening = await reader.waitForLog(LISTENING, 60_000);
            const ready = await fetch(`${String(listening.address)}/ready`);
            expect(ready.status, `${label}\n${reader.output()}`).toBe(200);
            readyAtFirst += 1;
            await Promise.all([reader.stop(30_000), writer.stop(30_000)]);

            const final = await readContents(dialect, url);
            expect(final.version, label).toEqual([HEAD]);
            expect(final.schema, label).toEqual(schemas.get(HEAD));
            expect(final.sums, label).toEqual(sums);
            rowsKept += 1;
            await dropDatabase(dialect, url);
          }
          await dropDatabase(dialect, start);

          reportFigures(
            'crash-every-step',
            [
              {
                dialect,
                level: faultsLevel(),
                boundaries: statements.length + 1,
                kills: points.length,
                'revisions found after kills': REVISIONS.filter((r) => found.has(r))
                  .map((r) => `${r.split('_')[0]}:${found.get(r)}`)
                  .join(' '),
                'rows before (parent+child)': sums.parents + sums.children,
                'rows after each kill and restart': sums.parents + sums.children,
                'kills with every row kept': rowsKept,
                'restarts finished': restarts,
                'readers ready at first answer': readyAtFirst,
                seconds: Math.round((Date.now() - started) / 1000),
              },
            ],
            { rows: ROWS, 'every boundary': EVERY_BOUNDARY, revisions: CHAIN.length },
          );
        },
      );
    },
  );
}
