import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, pgSkipReason } from './postgres.js';
import { makeTempDir } from './tmp.js';

/** The databases every database test runs on; PostgreSQL only when TEST_PG_URL is set. */
export const DIALECTS = [
  { name: 'sqlite', skip: undefined },
  { name: 'postgres', skip: pgSkipReason },
] as const;

export type DialectUnderTest = (typeof DIALECTS)[number]['name'];

let counter = 0;

/**
 * A fresh, empty database of the dialect and its connection string: a new SQLite file, or a new
 * PostgreSQL database named after the test file.
 */
export async function freshDatabaseUrl(dialect: DialectUnderTest, name: string): Promise<string> {
  counter += 1;
  if (dialect === 'sqlite') return `sqlite:///${join(makeTempDir(name), `${name}.db`)}`;
  return createTestDatabase(`${name}_${process.pid}_${counter}`);
}

/** Every table, column, index and constraint, as comparable text; engine tables left out on request. */
export async function schemaSnapshot<DB>(
  dialect: DialectUnderTest,
  db: Kysely<DB>,
  { exclude = [] as readonly string[] } = {},
): Promise<string[]> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{
      type: string;
      name: string;
      tbl_name: string;
      sql: string | null;
    }>`
      SELECT type, name, tbl_name, sql FROM sqlite_master
      WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`.execute(db);
    return rows
      .filter((r) => !exclude.includes(r.tbl_name))
      .map((r) => `${r.type} ${r.name} on ${r.tbl_name}: ${r.sql}`);
  }
  const columns = await sql<{ line: string; t: string }>`
    SELECT table_name AS t, table_name || '.' || column_name || ' ' || data_type || ' ' ||
      is_nullable || ' ' || coalesce(column_default, '-') || ' #' || ordinal_position AS line
    FROM information_schema.columns WHERE table_schema = current_schema()`.execute(db);
  const indexes = await sql<{ line: string; t: string }>`
    SELECT tablename AS t, 'index ' || indexdef AS line FROM pg_indexes
    WHERE schemaname = current_schema()`.execute(db);
  const constraints = await sql<{ line: string; t: string }>`
    SELECT c.conrelid::regclass::text AS t,
      'constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS line
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE n.nspname = current_schema()`.execute(db);
  return [...columns.rows, ...indexes.rows, ...constraints.rows]
    .filter((r) => !exclude.includes(r.t))
    .map((r) => r.line)
    .sort();
}
