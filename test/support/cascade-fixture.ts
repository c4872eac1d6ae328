import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '@meshview/db/connection';
import { Migrator, type MigrationLogger } from '@meshview/migrate';
import { freshDatabaseUrl, type DialectUnderTest } from './databases.js';
import { writeOpScripts } from './op-scripts.js';
import { makeTempDir } from './tmp.js';

/** Row counts and checksums of the parent and child tables. */
export interface TableSums {
  readonly parents: number;
  readonly parentSum: number;
  readonly children: number;
  readonly childSum: number;
}

/**
 * How the parent table is rebuilt: `ops` through the operations API (`alterColumn`, a rebuild on
 * SQLite), `naive` the way Drizzle does it: new table, copy, DROP and RENAME inside the
 * revision's transaction, where turning foreign keys off is a no-op.
 */
export type RebuildKind = 'ops' | 'naive';

/** The parent table and its ON DELETE CASCADE child, the same on both databases. */
export const CASCADE_TABLES: readonly string[] = [
  'CREATE TABLE parent (id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, PRIMARY KEY (id))',
  'CREATE TABLE child (id INTEGER NOT NULL, parent_id INTEGER NOT NULL, v INTEGER, ' +
    'PRIMARY KEY (id), FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE)',
  'CREATE INDEX ix_child_parent_id ON child (parent_id)',
];

const NAIVE = [
  'PRAGMA foreign_keys = OFF',
  'CREATE TABLE parent_new (id INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (id))',
  'INSERT INTO parent_new (id, name) SELECT id, name FROM parent',
  'DROP TABLE parent',
  'ALTER TABLE parent_new RENAME TO parent',
  'PRAGMA foreign_keys = ON',
];

/**
 * A parent table of `count` rows, each referenced by one child row under ON DELETE CASCADE, on
 * a connection with foreign keys on; the parent's `name` column is changed to TEXT by a
 * revision, and the sums are taken before and after.
 */
export async function rebuildParentOfCascade(
  dialect: DialectUnderTest,
  count: number,
  kind: RebuildKind,
  options: { logger?: MigrationLogger; rebuildChunkRows?: number } = {},
): Promise<{ before: TableSums; after: TableSums }> {
  const handle = await openDatabase(await freshDatabaseUrl(dialect, 'cascade'));
  try {
    const db = handle.db;
    for (const statement of CASCADE_TABLES) await sql.raw(statement).execute(db);
    await fillParentAndChild(dialect, db, count);
    const dir = writeOpScripts(join(makeTempDir('cascade'), 'versions'), [
      {
        id: 'rebuild1',
        up:
          kind === 'ops'
            ? "await op.alterColumn('parent', 'name', { type: { kind: 'text' } });"
            : `for (const s of ${JSON.stringify(NAIVE)}) await ctx.execute(s);`,
      },
    ]);
    const migrator = await Migrator.create({ dialect, db, scripts: { dir }, ...options });
    const before = await tableSums(db);
    await migrator.upgrade('head');
    return { before, after: await tableSums(db) };
  } finally {
    await handle.close();
  }
}

/**
 * Fills `parent` and `child` (the tables above) with `count` rows each, in one statement per
 * table (a recursive CTE, or generate_series); parent ids are 3, 6, 9, … so that rowids have gaps.
 */
export async function fillParentAndChild(
  dialect: DialectUnderTest,
  db: Kysely<unknown>,
  count: number,
): Promise<void> {
  const series =
    dialect === 'sqlite'
      ? `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${count}) `
      : '';
  const from = dialect === 'sqlite' ? 'FROM s' : `FROM generate_series(1, ${count}) AS s(i)`;
  await db.connection().execute(async (conn) => {
    await sql.raw('BEGIN').execute(conn);
    await sql
      .raw(`${series}INSERT INTO parent (id, name) SELECT i * 3, 'p' || i ${from}`)
      .execute(conn);
    await sql
      .raw(
        `${series}INSERT INTO child (id, parent_id, v) SELECT i, i * 3, (i * 7919) % 1000 ${from}`,
      )
      .execute(conn);
    await sql.raw('COMMIT').execute(conn);
  });
}

/** Row counts and checksums of `parent` and `child` (the columns the fixtures never change). */
export async function tableSums(db: Kysely<unknown>): Promise<TableSums> {
  const { rows: p } = await sql<{ n: number; s: number }>`SELECT count(*) AS n,
    coalesce(sum(id * 3 + length(name)), 0) AS s FROM parent`.execute(db);
  const { rows: c } = await sql<{ n: number; s: number }>`SELECT count(*) AS n,
    coalesce(sum(((id * 31 + parent_id) % 1000003) * 1000 + v), 0) AS s FROM child`.execute(db);
  return {
    parents: Number(p[0]!.n),
    parentSum: Number(p[0]!.s),
    children: Number(c[0]!.n),
    childSum: Number(c[0]!.s),
  };
}
