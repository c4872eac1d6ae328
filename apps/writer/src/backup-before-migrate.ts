import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { ConnectionTarget } from '@meshview/db';
import type { BeforeMigrate, MigrationLogger } from '@meshview/migrate';

/** The engine's own tables, which a brand-new database holds and nothing else. */
const ENGINE_TABLES = ['alembic_version', 'migration_status'];

/**
 * `[migrations] backup_before_migrate`: before a run that applies revisions, copies a SQLite
 * database with `VACUUM INTO` (a consistent copy while others read) into `backup_dir`, named after
 * the revisions it goes between. `'auto'` (the default) copies only a database that holds tables
 * besides the engine's (a new one has nothing to lose) and says nothing on PostgreSQL; `true`
 * always copies, and on PostgreSQL warns that pg_dump is the tool there.
 */
export function backupBeforeMigrate(
  target: ConnectionTarget,
  backupDir: string,
  logger: Pick<MigrationLogger, 'info' | 'warn'>,
  mode: true | 'auto' = true,
): (run: BeforeMigrate) => Promise<void> {
  return async ({ db, from, to }) => {
    if (target.dialect !== 'sqlite') {
      if (mode === 'auto') return;
      logger.warn(
        {},
        'backup_before_migrate copies SQLite databases only: back PostgreSQL up with pg_dump',
      );
      return;
    }
    if (mode === 'auto') {
      const { rows } = await sql<{ name: string }>`
        SELECT name FROM sqlite_master
        WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db);
      if (rows.every((row) => ENGINE_TABLES.includes(row.name))) {
        logger.info({}, 'backup_before_migrate = auto: a new database, nothing to back up');
        return;
      }
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
