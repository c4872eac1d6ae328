import { enumType } from '../field-types/enum-type.js';
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
  /**
   * Back up a SQLite database before applying revisions: always (`true`), never (`false`), or
   * `'auto'` (the default): when the database holds tables besides the migration engine's, i.e.
   * not a brand-new one.
   */
  readonly backupBeforeMigrate: boolean | 'auto';
}

// configparser's boolean words, and `auto`.
const backupBeforeMigrateType = enumType<boolean | 'auto'>(
  new Map<string, boolean | 'auto'>([
    ['auto', 'auto'],
    ...['1', 'yes', 'true', 'on'].map((word): [string, boolean] => [word, true]),
    ...['0', 'no', 'false', 'off'].map((word): [string, boolean] => [word, false]),
  ]),
  'auto, or a boolean (true/false, yes/no, on/off, 1/0)',
);

/** The schema of {@link MigrationsConfig}. */
export const migrationsSection: SectionSpec<MigrationsConfig> = {
  waitRetries: { key: 'wait_retries', type: integerType({ min: 1 }), default: 30 },
  waitDelayS: { key: 'wait_delay_s', type: floatType({ above: 0 }), default: 2 },
  lockLeaseS: { key: 'lock_lease_s', type: floatType({ above: 0 }), default: 30 },
  backupBeforeMigrate: {
    key: 'backup_before_migrate',
    type: backupBeforeMigrateType,
    default: 'auto',
  },
};
