import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '@meshview/db/connection';
import type { ColumnDefinition, LogicalType } from '@meshview/schema';
import { Migrator, type MigrateError, type MigrationLogger } from '@meshview/migrate';
import { freshDatabaseUrl, type DialectUnderTest } from './databases.js';
import { writeOpScripts, type OpScript } from './op-scripts.js';
import { makeTempDir } from './tmp.js';

// Written the way SQLAlchemy and packages/db lay a table out, so that a SQLite table rebuilt from
// its parts reads back as the same text.
export const PARENT = `CREATE TABLE parent (\n\tid INTEGER NOT NULL, \n\tname VARCHAR(20) DEFAULT 'x' NOT NULL, \n\tcode INTEGER, \n\tCONSTRAINT pk_parent PRIMARY KEY (id), \n\tCONSTRAINT uq_parent_name UNIQUE (name), \n\tUNIQUE (code), \n\tCONSTRAINT ck_code CHECK (code >= 0)\n)`;
export const CHILD = `CREATE TABLE child (\n\tid INTEGER NOT NULL, \n\tparent_id INTEGER, \n\tnote VARCHAR, \n\tref INTEGER, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE\n)`;
/** Two tables, parent and child, with every kind of constraint and index, and a few rows. */
export const BASE = [
  PARENT,
  CHILD,
  'CREATE INDEX ix_child_parent ON child (parent_id)',
  'CREATE INDEX ix_parent_code ON parent (code DESC)',
  "INSERT INTO parent (id, name, code) VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', NULL)",
  "INSERT INTO child (id, parent_id, note, ref) VALUES (10, 1, 'a', 1), (11, 1, 'b', 2), " +
    "(12, 2, 'c', 3), (13, 3, 'd', 1)",
];
/** {@link BASE}'s tables as it creates them; a fixture's scripts may change them. */
export interface OpTables {
  readonly parent: { id: number; name: string; code: number | null };
  readonly child: { id: number; parent_id: number | null; note: string | null; ref: number | null };
}
/**
 * SQLite extras: a trigger on parent writing to an audit table, a view over parent, and an
 * AUTOINCREMENT table whose newest row was deleted.
 */
export const SQLITE_TRIGGER = [
  'CREATE TABLE audit (what VARCHAR)',
  'CREATE TRIGGER trg_parent_name AFTER UPDATE OF name ON parent BEGIN ' +
    'INSERT INTO audit (what) VALUES (new.name); END',
  'CREATE VIEW v_parent AS SELECT id, name FROM parent',
  'CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT, v VARCHAR)',
  "INSERT INTO counter (v) VALUES ('a'), ('b'), ('c')",
  'DELETE FROM counter WHERE id = 3',
];

/** A column definition as JSON text, for a fixture script's source. */
export const columnJson = (
  name: string,
  type: LogicalType,
  more: Partial<ColumnDefinition> = {},
): string =>
  JSON.stringify({
    name,
    type,
    nullable: true,
    primaryKey: false,
    autoincrement: false,
    unique: false,
    serverDefault: null,
    ...more,
  });

/** The error code a promise rejects with; undefined when it resolves. */
export const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: MigrateError) => error.code,
  );

/** The rows of a raw query. */
export const rows = async <DB>(db: Kysely<DB>, query: string): Promise<unknown[]> =>
  (await sql.raw(query).execute(db)).rows;

/**
 * A fresh database of the dialect holding {@link BASE} (plus `extra` statements), and a
 * Migrator over fixture scripts that call the operations API. Close it after the test.
 */
export async function openOpFixture(
  dialect: DialectUnderTest,
  scripts: readonly OpScript[],
  { logger, extra = [] }: { logger?: MigrationLogger; extra?: readonly string[] } = {},
): Promise<{ db: Kysely<OpTables>; migrator: Migrator; close(): Promise<void> }> {
  const url = await freshDatabaseUrl(dialect, 'ops');
  const handle = await openDatabase<OpTables>(url);
  for (const statement of [...BASE, ...extra]) await sql.raw(statement).execute(handle.db);
  const dir = writeOpScripts(join(makeTempDir('ops'), 'versions'), scripts);
  const migrator = await Migrator.create({
    dialect: handle.dialect,
    db: handle.db,
    scripts: { dir },
    ...(logger ? { logger } : {}),
  });
  return { db: handle.db, migrator, close: () => handle.close() };
}
