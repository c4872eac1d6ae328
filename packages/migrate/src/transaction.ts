import { sql, type Kysely } from 'kysely';

/**
 * Runs `work` between `begin` and COMMIT on one connection; any error rolls back and is rethrown.
 * (Raw statements, because the engine needs BEGIN IMMEDIATE on SQLite and a pinned connection.)
 */
export async function inTransaction<T>(
  conn: Kysely<any>,
  begin: (conn: Kysely<any>) => Promise<void>,
  work: () => Promise<T>,
): Promise<T> {
  await begin(conn);
  try {
    const result = await work();
    await sql.raw('COMMIT').execute(conn);
    return result;
  } catch (error) {
    await sql
      .raw('ROLLBACK')
      .execute(conn)
      .catch(() => {});
    throw error;
  }
}
