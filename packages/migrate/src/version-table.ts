import { sql, type QueryExecutorProvider } from 'kysely';
import { MigrateError } from './errors.js';

/** Alembic's version table, as Alembic creates it: one row per head. */
export const VERSION_TABLE_DDL =
  'CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, ' +
  'CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))';

/** The revisions the database is at (empty when the table is missing or empty). */
export async function readVersions(db: QueryExecutorProvider): Promise<string[]> {
  const { rows } = await sql<{
    version_num: string;
  }>`SELECT version_num FROM alembic_version ORDER BY version_num`.execute(db);
  return rows.map((r) => r.version_num);
}

/**
 * Moves the version rows from `before` to `after`. A plain step is one UPDATE that must match
 * exactly one row, so a concurrent change to the table is caught rather than overwritten.
 */
export async function writeVersions(
  db: QueryExecutorProvider,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  const removed = before.filter((v) => !after.includes(v));
  const added = after.filter((v) => !before.includes(v));
  if (removed.length === 1 && added.length === 1) {
    const result =
      await sql`UPDATE alembic_version SET version_num = ${added[0]} WHERE version_num = ${removed[0]}`.execute(
        db,
      );
    if (Number(result.numAffectedRows ?? 0n) !== 1) {
      throw new MigrateError(
        'MIGRATE_VERSION_TABLE',
        `alembic_version was expected to hold ${removed[0]} but does not: another process changed it`,
      );
    }
    return;
  }
  for (const v of removed) {
    const result = await sql`DELETE FROM alembic_version WHERE version_num = ${v}`.execute(db);
    if (Number(result.numAffectedRows ?? 0n) !== 1) {
      throw new MigrateError(
        'MIGRATE_VERSION_TABLE',
        `alembic_version was expected to hold ${v} but does not: another process changed it`,
      );
    }
  }
  for (const v of added)
    await sql`INSERT INTO alembic_version (version_num) VALUES (${v})`.execute(db);
}
