import { booleanType } from '../field-types/boolean-type.js';
import { integerType } from '../field-types/integer-type.js';
import { stringType } from '../field-types/string-type.js';
import type { SectionSpec } from '../section-spec.js';

/** `[cleanup]`: daily retention and SQLite backups, at local times. */
export interface CleanupConfig {
  readonly enabled: boolean;
  /** Rows older than this many days are deleted. */
  readonly daysToKeep: number;
  readonly hour: number;
  readonly minute: number;
  /** `VACUUM` after cleanup (SQLite only). */
  readonly vacuum: boolean;
  /**
   * Minutes between retention runs instead of the daily run at `hour:minute`; 0, the default,
   * keeps the daily run (our addition, for soak tests and small disks).
   */
  readonly intervalMinutes: number;
  readonly backupEnabled: boolean;
  readonly backupDir: string;
  /** Defaults to `hour`. */
  readonly backupHour: number;
  /** Defaults to `minute`. */
  readonly backupMinute: number;
  /** How many backups to keep; 0 keeps all, as MeshView (our addition). */
  readonly backupKeep: number;
}

const hour = integerType({ min: 0, max: 23 });
const minute = integerType({ min: 0, max: 59 });

/** The schema of {@link CleanupConfig}. */
export const cleanupSection: SectionSpec<CleanupConfig> = {
  enabled: { key: 'enabled', type: booleanType(), default: false },
  daysToKeep: { key: 'days_to_keep', type: integerType({ min: 0 }), default: 14 },
  hour: { key: 'hour', type: hour, default: 2 },
  minute: { key: 'minute', type: minute, default: 0 },
  vacuum: { key: 'vacuum', type: booleanType(), default: false },
  intervalMinutes: { key: 'interval_minutes', type: integerType({ min: 0 }), default: 0 },
  backupEnabled: { key: 'backup_enabled', type: booleanType(), default: false },
  backupDir: { key: 'backup_dir', type: stringType({ acceptsEmpty: false }), default: './backups' },
  backupHour: { key: 'backup_hour', type: hour, default: 2, defaultFrom: 'hour' },
  backupMinute: { key: 'backup_minute', type: minute, default: 0, defaultFrom: 'minute' },
  backupKeep: { key: 'backup_keep', type: integerType({ min: 0 }), default: 0 },
};
