/**
 * Issue 17 item 4, part 1: our engine's table rewrite of a large table against a plain copy of
 * the same table, in the same run, rounds alternating which goes first.
 *
 * The table: `parent` (an integer key, a name, a value, a time; two secondary indexes) of N rows,
 * and `child` of N rows, each pointing at one parent under ON DELETE CASCADE. The change: `v`
 * from INTEGER to BIGINT through `ctx.op.alterColumn`, which rebuilds the table on SQLite (new
 * table, keyset-chunked copy, drop, indexes again, two `PRAGMA foreign_key_check` passes) and
 * rewrites it on PostgreSQL (`ALTER COLUMN … TYPE`: heap and every index rewritten).
 *
 * The peer is the least work that ends with the same table: on SQLite the documented rebuild
 * without its checks (foreign keys off, one transaction: CREATE the new table, `INSERT INTO new
 * SELECT * FROM old`, DROP the old, RENAME, CREATE the same two indexes); on PostgreSQL a new
 * table with `INSERT … SELECT`, its primary key and the same two indexes, in one transaction
 * (it leaves the old table and the child's foreign key alone, which ALTER TYPE does as well).
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '@meshview/db';
import { Migrator } from '@meshview/migrate';

/** One timed statement of the engine's run (sent at `at`, ms after the run began). */
interface Statement {
  readonly sql: string;
  readonly at: number;
}

/** Where the engine's time went in one run, ms per kind of statement. */
export type Profile = Record<string, number>;

export interface RebuildRound {
  readonly engine_ms: number;
  readonly peer_ms: number;
  readonly ratio: number;
  readonly first: 'engine' | 'peer';
  readonly engine_profile: Profile;
}

export interface RebuildResult {
  readonly dialect: 'sqlite' | 'postgres';
  readonly rows: number;
  readonly fill_ms: number;
  readonly change: string;
  readonly peer: string;
  readonly rounds: readonly RebuildRound[];
  /** Informational: one whole-database `PRAGMA foreign_key_check` on SQLite, for scale. */
  readonly foreign_key_check_ms?: number;
}

const REVISION = `export const revision = 'r1';
export const down_revision = null;
export const message = 'v to bigint';
export async function upgrade(ctx) {
  await ctx.op.alterColumn('parent', 'v', { type: { kind: 'bigInteger' } });
}
export async function downgrade(ctx) {
  await ctx.op.alterColumn('parent', 'v', { type: { kind: 'integer' } });
}
`;

const INDEXES = [
  'CREATE INDEX ix_parent_name ON parent (name)',
  'CREATE INDEX ix_parent_created_us ON parent (created_us)',
];

/** The kind of work a statement of the engine's run does, for the profile. */
function kindOf(statement: string): string {
  const s = statement.replace(/\s+/g, ' ').trim();
  if (/^INSERT INTO .* SELECT /i.test(s) || /^SELECT rowid AS r FROM/i.test(s)) return 'copy rows';
  if (/^CREATE (UNIQUE )?INDEX/i.test(s)) return 'create indexes';
  if (/PRAGMA foreign_key_check/i.test(s)) return 'foreign_key_check';
  if (/^ALTER TABLE .* TYPE /i.test(s)) return 'ALTER TABLE … TYPE';
  if (/^DROP TABLE/i.test(s)) return 'drop old table';
  if (/^COMMIT/i.test(s)) return 'commit';
  return 'other (lock, flag, catalog, version row)';
}

function profileOf(statements: readonly Statement[], endMs: number): Profile {
  const profile: Profile = {};
  statements.forEach((s, i) => {
    const until = statements[i + 1]?.at ?? endMs;
    const kind = kindOf(s.sql);
    profile[kind] = (profile[kind] ?? 0) + (until - s.at);
  });
  return Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, Math.round(v)]));
}

async function fill(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres', rows: number) {
  await sql`CREATE TABLE parent (id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, v INTEGER,
    created_us BIGINT NOT NULL, PRIMARY KEY (id))`.execute(db);
  await sql`CREATE TABLE child (id INTEGER NOT NULL, parent_id INTEGER NOT NULL, v INTEGER,
    PRIMARY KEY (id), FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE)`.execute(db);
  await sql`CREATE INDEX ix_child_parent_id ON child (parent_id)`.execute(db);
  for (const index of INDEXES) await sql.raw(index).execute(db);
  const series =
    dialect === 'sqlite'
      ? `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${rows}) `
      : '';
  const from = dialect === 'sqlite' ? 'FROM s' : `FROM generate_series(1, ${rows}) AS s(i)`;
  await db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    await sql
      .raw(
        `${series}INSERT INTO parent (id, name, v, created_us) ` +
          `SELECT i, 'node-' || ((i * 7) % 50021), i % 1000, 1700000000000000 + i * 1000 ${from}`,
      )
      .execute(conn);
    await sql
      .raw(`${series}INSERT INTO child (id, parent_id, v) SELECT i, i, i % 1000 ${from}`)
      .execute(conn);
    await sql`COMMIT`.execute(conn);
  });
  if (dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(db);
}

/** Our engine: the revision, whole (lock, flag, the change, its checks, the version row). */
async function engineRun(
  db: Kysely<unknown>,
  dialect: 'sqlite' | 'postgres',
  scripts: string,
): Promise<{ ms: number; profile: Profile; migrator: Migrator }> {
  const statements: Statement[] = [];
  let started = 0;
  const migrator = await Migrator.create({
    dialect,
    db,
    scripts: { dir: scripts },
    onStatement: (text) => statements.push({ sql: text, at: performance.now() - started }),
  });
  started = performance.now();
  await migrator.upgrade('head');
  const ms = performance.now() - started;
  return { ms, profile: profileOf(statements, ms), migrator };
}

/** The SQLite peer: the documented rebuild without its checks; see the file's comment. */
async function sqlitePeer(db: Kysely<unknown>): Promise<number> {
  return db.connection().execute(async (conn) => {
    await sql`PRAGMA foreign_keys = OFF`.execute(conn);
    const started = performance.now();
    await sql`BEGIN`.execute(conn);
    await sql`CREATE TABLE parent_new (id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, v BIGINT,
      created_us BIGINT NOT NULL, PRIMARY KEY (id))`.execute(conn);
    await sql`INSERT INTO parent_new SELECT * FROM parent`.execute(conn);
    await sql`DROP TABLE parent`.execute(conn);
    await sql`ALTER TABLE parent_new RENAME TO parent`.execute(conn);
    for (const index of INDEXES) await sql.raw(index).execute(conn);
    await sql`COMMIT`.execute(conn);
    const ms = performance.now() - started;
    await sql`PRAGMA foreign_keys = ON`.execute(conn);
    return ms;
  });
}

/** The PostgreSQL peer: a copy with the same key and indexes; dropped afterwards, untimed. */
async function postgresPeer(db: Kysely<unknown>): Promise<number> {
  const ms = await db.connection().execute(async (conn) => {
    const started = performance.now();
    await sql`BEGIN`.execute(conn);
    await sql`CREATE TABLE parent_copy (id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, v BIGINT,
      created_us BIGINT NOT NULL)`.execute(conn);
    await sql`INSERT INTO parent_copy SELECT * FROM parent`.execute(conn);
    await sql`ALTER TABLE parent_copy ADD PRIMARY KEY (id)`.execute(conn);
    await sql`CREATE INDEX ix_copy_name ON parent_copy (name)`.execute(conn);
    await sql`CREATE INDEX ix_copy_created_us ON parent_copy (created_us)`.execute(conn);
    await sql`COMMIT`.execute(conn);
    return performance.now() - started;
  });
  await sql`DROP TABLE parent_copy`.execute(db);
  return ms;
}

async function assertIntact(db: Kysely<unknown>, rows: number, who: string): Promise<void> {
  const { rows: found } = await sql<{ p: number | string; c: number | string }>`
    SELECT (SELECT count(*) FROM parent) AS p, (SELECT count(*) FROM child) AS c`.execute(db);
  const { p, c } = found[0]!;
  if (Number(p) !== rows || Number(c) !== rows) {
    throw new Error(`${who}: ${p} parents and ${c} children after the run, not ${rows} each`);
  }
}

function writeScripts(dir: string): string {
  const scripts = join(dir, 'versions');
  mkdirSync(scripts, { recursive: true });
  writeFileSync(join(scripts, 'r1_v_to_bigint.js'), REVISION);
  return scripts;
}

const ratioOf = (engine: number, peer: number): number => Math.round((engine / peer) * 100) / 100;

/** SQLite: each run on a fresh copy of one filled file (copied untimed). */
export async function sqliteRebuild(
  work: string,
  rows: number,
  rounds: number,
  log: (line: string) => void,
): Promise<RebuildResult> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const scripts = writeScripts(work);
  const template = join(work, 'template.db');
  const filled = await (async () => {
    const handle = await openDatabase<unknown>(`sqlite:///${template}`);
    try {
      const started = performance.now();
      await fill(handle.db, 'sqlite', rows);
      return performance.now() - started;
    } finally {
      await handle.close();
    }
  })();
  log(`sqlite: filled ${rows.toLocaleString('en')} parents and children in ${ms(filled)}`);

  const onCopy = async <T>(name: string, work2: (db: Kysely<unknown>) => Promise<T>) => {
    const file = join(work, `${name}.db`);
    copyFileSync(template, file);
    const handle = await openDatabase<unknown>(`sqlite:///${file}`);
    try {
      const result = await work2(handle.db);
      await assertIntact(handle.db, rows, name);
      return result;
    } finally {
      await handle.close();
      for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-migrate.lock`]) {
        rmSync(f, { force: true });
      }
    }
  };
  const check = await onCopy('check', async (db) => {
    const started = performance.now();
    await sql`PRAGMA foreign_key_check`.execute(db);
    return performance.now() - started;
  });

  const results: RebuildRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const first = round % 2 === 0 ? 'engine' : 'peer';
    let engine = { ms: 0, profile: {} as Profile };
    let peer = 0;
    const runEngine = async () => {
      engine = await onCopy('engine', async (db) => engineRun(db, 'sqlite', scripts));
    };
    const runPeer = async () => {
      peer = await onCopy('peer', sqlitePeer);
    };
    for (const run of first === 'engine' ? [runEngine, runPeer] : [runPeer, runEngine]) await run();
    results.push({
      engine_ms: Math.round(engine.ms),
      peer_ms: Math.round(peer),
      ratio: ratioOf(engine.ms, peer),
      first,
      engine_profile: engine.profile,
    });
    log(`sqlite round ${round + 1}: engine ${ms(engine.ms)}, peer ${ms(peer)}`);
  }
  rmSync(work, { recursive: true, force: true });
  return {
    dialect: 'sqlite',
    rows,
    fill_ms: Math.round(filled),
    change: "ctx.op.alterColumn('parent', 'v', INTEGER → BIGINT): a rebuild",
    peer:
      'foreign keys off, one transaction: CREATE TABLE new; INSERT INTO new SELECT * FROM old; ' +
      'DROP old; RENAME new; the same 2 indexes',
    rounds: results,
    foreign_key_check_ms: Math.round(check),
  };
}

/**
 * PostgreSQL: one database; the engine's revision is undone (untimed, a rewrite too) after each
 * of its runs, and the peer's copy dropped, so every run starts from the same table.
 */
export async function postgresRewrite(
  url: string,
  work: string,
  rows: number,
  rounds: number,
  log: (line: string) => void,
): Promise<RebuildResult> {
  rmSync(work, { recursive: true, force: true });
  const scripts = writeScripts(work);
  const handle = await openDatabase<unknown>(url);
  try {
    const db = handle.db;
    const started = performance.now();
    await fill(db, 'postgres', rows);
    const filled = performance.now() - started;
    log(`postgres: filled ${rows.toLocaleString('en')} parents and children in ${ms(filled)}`);
    const results: RebuildRound[] = [];
    for (let round = 0; round < rounds; round++) {
      const first = round % 2 === 0 ? 'engine' : 'peer';
      let engine = { ms: 0, profile: {} as Profile };
      let peer = 0;
      const runEngine = async () => {
        const run = await engineRun(db, 'postgres', scripts);
        engine = run;
        await assertIntact(db, rows, 'engine');
        await run.migrator.downgrade('base');
        await sql`VACUUM ANALYZE parent`.execute(db);
      };
      const runPeer = async () => {
        peer = await postgresPeer(db);
        await assertIntact(db, rows, 'peer');
      };
      for (const run of first === 'engine' ? [runEngine, runPeer] : [runPeer, runEngine]) {
        await run();
      }
      results.push({
        engine_ms: Math.round(engine.ms),
        peer_ms: Math.round(peer),
        ratio: ratioOf(engine.ms, peer),
        first,
        engine_profile: engine.profile,
      });
      log(`postgres round ${round + 1}: engine ${ms(engine.ms)}, peer ${ms(peer)}`);
    }
    return {
      dialect: 'postgres',
      rows,
      fill_ms: Math.round(filled),
      change: "ctx.op.alterColumn('parent', 'v', INTEGER → BIGINT): ALTER COLUMN … TYPE rewrites",
      peer:
        'one transaction: CREATE TABLE copy; INSERT INTO copy SELECT * FROM parent; ' +
        'ADD PRIMARY KEY; the same 2 indexes',
      rounds: results,
    };
  } finally {
    await handle.close();
    rmSync(work, { recursive: true, force: true });
  }
}

export const ms = (value: number): string => `${(value / 1000).toFixed(2)} s`;
