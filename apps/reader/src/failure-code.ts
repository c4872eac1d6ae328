import { ConfigError } from '@meshview/config';
import { DbError } from '@meshview/db';
import { MigrateError } from '@meshview/migrate';
import { ReaderConfigError, ServerListenError } from './errors.js';

/**
 * The stable code of a reader failure, for `reader failed [CODE]: …`, taken from our own typed
 * errors: the config's, the database's, the migration engine's (the wait) and the reader's own
 * (a TLS file, the listen). Undefined for anything else: a driver's or Node's `code` is not one
 * we promise.
 *
 * @example failureCode(new MigrateError('MIGRATE_WAIT_TIMEOUT', '…')) // 'MIGRATE_WAIT_TIMEOUT'
 */
export function failureCode(error: unknown): string | undefined {
  return error instanceof ConfigError ||
    error instanceof DbError ||
    error instanceof MigrateError ||
    error instanceof ReaderConfigError ||
    error instanceof ServerListenError
    ? error.code
    : undefined;
}
