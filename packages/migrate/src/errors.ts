/** Stable codes of the errors the migration engine throws; tests and callers match on these. */
export type MigrateErrorCode =
  | 'MIGRATE_SCRIPT_INVALID'
  | 'MIGRATE_SCRIPT_NOT_COMPILED'
  | 'MIGRATE_SCRIPT_UNREVIEWED'
  | 'MIGRATE_NOT_AT_HEAD'
  | 'MIGRATE_DUPLICATE_REVISION'
  | 'MIGRATE_MISSING_PARENT'
  | 'MIGRATE_CYCLE'
  | 'MIGRATE_MULTIPLE_HEADS'
  | 'MIGRATE_UNKNOWN_REVISION'
  | 'MIGRATE_AMBIGUOUS_REVISION'
  | 'MIGRATE_RETIRED_REVISION'
  | 'MIGRATE_DATABASE_AHEAD'
  | 'MIGRATE_BAD_TARGET'
  | 'MIGRATE_REVISION_FAILED'
  | 'MIGRATE_LOCK_LOST'
  | 'MIGRATE_ABORTED'
  | 'MIGRATE_LOCK_TIMEOUT'
  | 'MIGRATE_LOCK_UNAVAILABLE'
  | 'MIGRATE_VERSION_TABLE'
  | 'MIGRATE_WAIT_TIMEOUT'
  | 'MIGRATE_OPERATION_INVALID'
  | 'MIGRATE_OFFLINE_UNSUPPORTED'
  | 'MIGRATE_FOREIGN_KEYS_ON'
  | 'MIGRATE_FOREIGN_KEY_VIOLATION';

/**
 * Every error the engine throws: a stable `code`, a message that says what to do, and the
 * underlying `cause` where there is one.
 */
export class MigrateError extends Error {
  override readonly name = 'MigrateError';

  constructor(
    readonly code: MigrateErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A revision's upgrade or downgrade failed; it was rolled back whole. */
export class RevisionFailedError extends MigrateError {
  constructor(
    readonly revision: string,
    readonly file: string,
    readonly direction: 'upgrade' | 'downgrade',
    readonly statement: string | undefined,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'MIGRATE_REVISION_FAILED',
      `${direction} of revision ${revision} (${file}) failed and was rolled back: ${reason}` +
        (statement ? `\n  failing statement: ${statement}` : ''),
      { cause },
    );
  }
}

/**
 * A SQLite revision run with foreign keys off left rows whose foreign keys point at no row; it
 * was rolled back. Rows that were already orphaned before it began do not count.
 */
export class ForeignKeyViolationError extends MigrateError {
  constructor(
    readonly revision: string,
    readonly file: string,
    readonly direction: 'upgrade' | 'downgrade',
    /** One line per offending row (the first few), naming it and its key values. */
    readonly rows: readonly string[],
    readonly total: number,
  ) {
    const more = total > rows.length ? `\n  … and ${total - rows.length} more` : '';
    super(
      'MIGRATE_FOREIGN_KEY_VIOLATION',
      `${direction} of revision ${revision} (${file}) was rolled back: it would leave ${total} ` +
        `row(s) whose foreign key points at no row:\n  ${rows.join('\n  ')}${more}`,
    );
  }
}

/**
 * Another process recorded itself as the lock's holder while this one held it: only possible when
 * the lock's side file was removed (SQLite) or `migration_status` was edited by hand.
 */
export function lockLostError(): MigrateError {
  return new MigrateError(
    'MIGRATE_LOCK_LOST',
    'another process recorded itself as the migration lock holder in migration_status while ' +
      "this one held the lock (was the database's -migrate.lock file removed, or the row " +
      'edited by hand?); nothing more was applied',
  );
}

/**
 * A run was stopped on request (its AbortSignal) between revisions or before it began: nothing
 * is half-applied and the flag is cleared, so a caller that asked for the stop exits cleanly.
 */
export class MigrationAbortedError extends MigrateError {
  constructor(what: string) {
    super('MIGRATE_ABORTED', `stopped on request ${what}`);
  }
}

/** A run was stopped on request (its AbortSignal) before `what`. */
export function abortedError(what: string): MigrationAbortedError {
  return new MigrationAbortedError(what);
}
