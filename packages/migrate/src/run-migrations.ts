import type { Migrator, MigrationRun } from './migrator.js';

/** Upgrades the database to head under the lock and the flag (the writer's start). */
export function runMigrations(migrator: Migrator): Promise<MigrationRun> {
  return migrator.upgrade('head');
}

/** Whether the database is at the scripts' head. */
export async function isDatabaseUpToDate(migrator: Migrator): Promise<boolean> {
  return (await migrator.status()).state === 'current';
}

/** The database's revisions (the version table's rows). */
export function currentRevisions(migrator: Migrator): Promise<string[]> {
  return migrator.currentRevisions();
}

/** The scripts' head revisions. */
export function headRevisions(migrator: Migrator): string[] {
  return migrator.headRevisions();
}
