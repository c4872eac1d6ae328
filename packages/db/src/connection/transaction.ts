import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import type { DialectName } from '@meshview/schema';

/**
 * Runs `work` between `begin` and COMMIT on `conn`, a connection the caller has pinned; any
 * error rolls back and is rethrown. Raw statements, because callers need their own BEGIN
 * (`BEGIN IMMEDIATE` on SQLite) on a connection they hold for longer than the transaction.
 * `conn` is any Kysely instance (or connection), whatever its tables' types; `begin` gets it back.
 */
export async function inTransaction<C extends QueryExecutorProvider, T>(
  conn: C,
  begin: (conn: C) => Promise<void>,
  work: () => Promise<T>,
): Promise<T> {
  await begin(conn);
  try {
    const result = await work();
    await sql.raw('COMMIT').execute(conn);
    return result;
  } catch (error) {
    // Also after a failed COMMIT: SQLite keeps the transaction open when COMMIT is refused.
    await sql
      .raw('ROLLBACK')
      .execute(conn)
      .catch(() => {});
    throw error;
  }
}

/**
 * Runs `work` in one transaction on a connection pinned for it: COMMIT when it resolves,
 * ROLLBACK and rethrow when it throws. SQLite starts with `BEGIN IMMEDIATE`, taking the write
 * lock up front, so a transaction that reads before it writes never fails to upgrade its lock
 * (SQLITE_BUSY without waiting) when another process wrote in between.
 */
export function writeTransaction<DB, T>(
  db: Kysely<DB>,
  dialect: DialectName,
  work: (conn: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.connection().execute((conn) =>
    inTransaction(
      conn,
      (c) =>
        sql
          .raw(dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN')
          .execute(c)
          .then(() => {}),
      () => work(conn),
    ),
  );
}
