import pg from 'pg';
import { parseConnectionString, SqliteFileLock } from '@meshview/db/connection';
import { MIGRATION_LOCK_KEY, migrationLockFile } from '@meshview/migrate';

/**
 * Takes the real migration lock of the database at `url` from this process, as a live migrator
 * holds it (SQLite: the side file's kernel lock; PostgreSQL: the advisory lock on a session of its
 * own), and returns the function that lets it go. For tests of what others see meanwhile.
 */
export async function holdMigrationLock(url: string): Promise<() => Promise<void>> {
  const target = parseConnectionString(url);
  if (target.dialect === 'sqlite') {
    const lock = await SqliteFileLock.tryAcquire(migrationLockFile(target.filename));
    if (!lock) throw new Error(`the migration lock of ${target.display} is already held`);
    return () => {
      lock.release();
      return Promise.resolve();
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  return () => client.end();
}
