import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { ConnectionTarget } from '@meshview/db';
import type { BeforeMigrate, MigrationLogger } from '@meshview/migrate';

/**
 * `[migrations] backup_before_migrate`: before a run that applies revisions, copies a SQLite
 * database with `VACUUM INTO` (a consistent copy while others read) into `backup_dir`, named after
 * the revisions it goes between. PostgreSQL is left to its own tools (pg_dump), and says so.
 */
export function backupBeforeMigrate(
  target: ConnectionTarget,
  backupDir: string,
  logger: Pick<MigrationLogger, 'info' | 'warn'>,
): (run: BeforeMigrate) => Promise<void> {
  return async ({ db, from, to }) => {
    if (target.dialect !== 'sqlite') {
      logger.warn(
        {},
        'backup_before_migrate copies SQLite databases only: back PostgreSQL up with pg_dump',
      );
      return;
    }
    const dir = resolve(backupDir);
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(
      dir,
      `${basename(target.filename)}.${from.join('+') || 'base'}-to-${to.join('+')}.${stamp}.bak`,
    );
    const started = Date.now();
    await sql`VACUUM INTO ${file}`.execute(db);
    logger.info({ file, ms: Date.now() - started }, 'backed the database up before migrating');
  };
}
