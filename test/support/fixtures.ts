import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DialectUnderTest } from './databases.js';
import { repoRoot } from './tmp.js';

/** Runs a `.sql` fixture file (statements end with `;` at a line end; `--` lines are comments). */
export async function loadSqlFixture(db: Kysely<any>, file: string): Promise<void> {
  const text = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('--'))
    .join('\n');
  for (const statement of text.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

/** The MeshView 3.0.5 database fixture for a dialect. */
export function meshviewFixture(dialect: DialectUnderTest): string {
  return join(repoRoot, 'test', 'fixtures', 'meshview-3.0.5', `${dialect}.sql`);
}

/** Every row of the tables, ordered, as comparable JSON (binary as hex, numbers as numbers). */
export async function dumpTables(db: Kysely<any>, tables: readonly string[]): Promise<string> {
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
