import { booleanType } from '../field-types/boolean-type.js';
import { floatType } from '../field-types/float-type.js';
import { integerType } from '../field-types/integer-type.js';
import type { SectionSpec } from '../section-spec.js';

/** `[migrations]` (our addition): how the reader waits and the writer migrates. */
export interface MigrationsConfig {
  /** How many times the reader checks the schema before giving up. */
  readonly waitRetries: number;
  /** Seconds between the reader's checks. */
  readonly waitDelayS: number;
  /**
   * Seconds a migrator may spend in one revision before those waiting for its lock warn that it
   * may be stuck; the lock is never taken from a live holder.
   */
  readonly lockLeaseS: number;
  /** Back up a SQLite database before applying revisions. */
  readonly backupBeforeMigrate: boolean;
}

/** The schema of {@link MigrationsConfig}. */
export const migrationsSection: SectionSpec<MigrationsConfig> = {
  waitRetries: { key: 'wait_retries', type: integerType({ min: 1 }), default: 30 },
  waitDelayS: { key: 'wait_delay_s', type: floatType({ above: 0 }), default: 2 },
  lockLeaseS: { key: 'lock_lease_s', type: floatType({ above: 0 }), default: 30 },
  backupBeforeMigrate: { key: 'backup_before_migrate', type: booleanType(), default: false },
};
