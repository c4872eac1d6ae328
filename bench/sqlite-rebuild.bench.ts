/**
 * SQLite table rebuild benchmark: a parent table of N rows, each referenced by one child row
 * under ON DELETE CASCADE, on a connection with foreign keys on; one revision changes the
 * parent's column type through `ctx.op.alterColumn`, which rebuilds the table. Prints how long
 * the revision took (copy, index rebuild and the two `PRAGMA foreign_key_check` passes included)
 * and, for scale, one `PRAGMA foreign_key_check` and a plain copy of the table.
 *
 *   npx tsx bench/sqlite-rebuild.bench.ts [--rows 1000000]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '@meshview/db';
import { Migrator } from '@meshview/migrate';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const ROWS = Number(args.rows);

const dir = mkdtempSync(join(tmpdir(), 'rebuild-bench-'));
const scripts = join(dir, 'versions');
mkdirSync(scripts);
writeFileSync(
  join(scripts, 'r1_rebuild.js'),
  `export const revision = 'r1';
export const down_revision = null;
export const message = 'rebuild parent';
export async function upgrade(ctx) {
  await ctx.op.alterColumn('parent', 'name', { type: { kind: 'text' } });
}
export async function downgrade() {}
`,
);

const time = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

async function fill(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE parent (id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, PRIMARY KEY (id))`.execute(
    db,
  );
  await sql`CREATE TABLE child (id INTEGER NOT NULL, parent_id INTEGER NOT NULL, v INTEGER,
    PRIMARY KEY (id), FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE)`.execute(db);
  await sql`CREATE INDEX ix_child_parent_id ON child (parent_id)`.execute(db);
  await db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    const series = sql.raw(
      `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${ROWS}) `,
    );
    await sql`${series} INSERT INTO parent (id, name) SELECT i, 'p' || i FROM s`.execute(conn);
    await sql`${series} INSERT INTO child (id, parent_id, v) SELECT i, i, i % 1000 FROM s`.execute(
      conn,
    );
    await sql`COMMIT`.execute(conn);
  });
}

const handle = await openDatabase<unknown>(`sqlite:///${join(dir, 'bench.db')}`);
try {
  const db = handle.db;
  const filled = await time(() => fill(db));
  const check = await time(() => sql`PRAGMA foreign_key_check`.execute(db));
  const copy = await time(async () => {
    await sql`CREATE TABLE parent_copy AS SELECT rowid AS r, * FROM parent`.execute(db);
    await sql`DROP TABLE parent_copy`.execute(db);
  });
  const migrator = await Migrator.create({ dialect: 'sqlite', db, scripts: { dir: scripts } });
  const rebuild = await time(() => migrator.upgrade('head'));
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM child`.execute(db);
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  console.log(`SQLite rebuild of a ${ROWS.toLocaleString('en')}-row parent with as many children`);
  console.log(`  fill (both tables, one transaction)      ${s(filled)}`);
  console.log(`  one PRAGMA foreign_key_check             ${s(check)}`);
  console.log(`  a plain copy of the parent (CREATE … AS) ${s(copy)}`);
  console.log(`  the rebuilding revision, all included    ${s(rebuild)}`);
  console.log(
    `  children after: ${rows[0]!.n.toLocaleString('en')} of ${ROWS.toLocaleString('en')}`,
  );
} finally {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
}
