import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DialectUnderTest } from './databases.js';
import { repoRoot } from './tmp.js';

const fixtures = join(repoRoot, 'test', 'fixtures');

/** The statements of a `.sql` fixture (each ends with `;` at a line end; `--` lines are comments). */
export function sqlStatements(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The DDL SQLAlchemy emits for MeshView 3.0.6's models (reference/meshview-schema-ddl.md). */
export function meshviewModelDdl(dialect: DialectUnderTest): string[] {
  return sqlStatements(join(fixtures, `meshview-schema.${dialect}.sql`));
}

/**
 * Makes the database look as MeshView 3.0.5 leaves it: its models' DDL without `daily_snapshot`
 * and `idx_traceroute_packet_id`, the demo table `example`, stamped `23dad03d2e42`, MeshView's
 * three-column `migration_status`, and some rows.
 */
export async function loadMeshviewFixture<DB>(
  db: Kysely<DB>,
  dialect: DialectUnderTest,
): Promise<void> {
  const schema = meshviewModelDdl(dialect).filter(
    (s) => !s.includes('daily_snapshot') && !s.includes('idx_traceroute_packet_id'),
  );
  const rest = sqlStatements(join(fixtures, 'meshview-3.0.5', `${dialect}.sql`));
  for (const statement of [...schema, ...rest]) await sql.raw(statement).execute(db);
}

/** Every row of the tables, ordered, as comparable JSON (binary as hex). */
export async function dumpTables<DB>(db: Kysely<DB>, tables: readonly string[]): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(
      db,
    );
    out[table] = rows
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [
            k,
            Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
          ]),
        ),
      )
      .map((row) => JSON.stringify(row))
      .sort();
  }
  return JSON.stringify(out, null, 1);
}
