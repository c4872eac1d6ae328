import { booleanType } from '../field-types/boolean-type.js';
import { enumType } from '../field-types/enum-type.js';
import { stringType } from '../field-types/string-type.js';
import type { SectionSpec } from '../section-spec.js';

/** A log level, pino's names. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** `[logging]`. */
export interface LoggingConfig {
  /** Log every HTTP request. */
  readonly accessLog: boolean;
  /** The cleanup job's log file. */
  readonly dbCleanupLogfile: string;
  /** The lowest level logged (our addition); Python's `warning` and `critical` are accepted. */
  readonly level: LogLevel;
}

const LEVELS: ReadonlyMap<string, LogLevel> = new Map([
  ['fatal', 'fatal'],
  ['critical', 'fatal'],
  ['error', 'error'],
  ['warn', 'warn'],
  ['warning', 'warn'],
  ['info', 'info'],
  ['debug', 'debug'],
  ['trace', 'trace'],
  ['silent', 'silent'],
]);

/** The schema of {@link LoggingConfig}. */
export const loggingSection: SectionSpec<LoggingConfig> = {
  accessLog: { key: 'access_log', type: booleanType(), default: false },
  dbCleanupLogfile: {
    key: 'db_cleanup_logfile',
    type: stringType({ acceptsEmpty: false }),
    default: 'dbcleanup.log',
  },
  level: {
    key: 'level',
    type: enumType(LEVELS, 'one of fatal, error, warn, info, debug, trace, silent'),
    default: 'info',
  },
};
