import { sql, type Kysely } from 'kysely';
import type { DialectName } from '@meshview/db';

/**
 * Runs `work` in one transaction on one pinned connection: COMMIT when it resolves, ROLLBACK and
 * rethrow when it throws. SQLite starts with `BEGIN IMMEDIATE`, taking the write lock up front,
 * so a transaction that reads before it writes never fails to upgrade its lock (SQLITE_BUSY
 * without waiting) when another process wrote in between.
 */
export async function writeTransaction<DB, T>(
  db: Kysely<DB>,
  dialect: DialectName,
  work: (conn: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql.raw(dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(conn);
    try {
      const result = await work(conn);
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
  });
}
