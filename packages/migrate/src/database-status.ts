import type { MigrationFlag } from './status-table.js';

/**
 * Where a database stands against the scripts: `current` (at the head), `empty` (no revision
 * yet), `behind` (at an older revision), `unknown` (at a revision the scripts do not have: newer
 * code migrated it) or `retired` (at a revision these scripts replaced).
 */
export type SchemaState = 'current' | 'empty' | 'behind' | 'unknown' | 'retired';

/** A snapshot of the database's revision, the scripts' head and the migration flag. */
export interface DatabaseStatus {
  readonly state: SchemaState;
  /** The version table's rows. */
  readonly current: readonly string[];
  /** The scripts' head, undefined when there are no scripts. */
  readonly head: string | undefined;
  /** undefined when the status table does not exist yet. */
  readonly flag: MigrationFlag | undefined;
  /** One line for people: current, head, flag. */
  readonly summary: string;
}

/** Describes the flag in words, for logs and error messages. */
export function describeFlag(flag: MigrationFlag | undefined): string {
  if (!flag) return 'no migration_status table yet';
  const run =
    flag.fromRevision || flag.toRevision
      ? ` from ${flag.fromRevision ?? '?'} to ${flag.toRevision ?? '?'}` +
        (flag.ownerPid !== null ? ` by pid ${flag.ownerPid} on ${flag.ownerHost ?? '?'}` : '') +
        (flag.startedUs !== null ? ` started ${new Date(flag.startedUs / 1000).toISOString()}` : '')
      : '';
  const error = flag.lastError ? `; last error: ${flag.lastError}` : '';
  if (flag.stale) {
    return (
      `no migration in progress: the flag is stale (set${run}; that migrator is gone: no ` +
      'process holds the migration lock); the next writer start or `meshview-migrate upgrade` ' +
      'clears it'
    );
  }
  const unknown = flag.livenessUnknown
    ? ` (whether its migrator still runs cannot be told: ${flag.livenessUnknown})`
    : '';
  return flag.inProgress
    ? `migration in progress${run}${unknown}${error}`
    : `no migration in progress${run ? ` (last run${run})` : ''}${error}`;
}
