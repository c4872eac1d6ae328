import { ConfigError } from '@meshview/config';
import { DbError } from '@meshview/db';
import { MigrateError } from '@meshview/migrate';

/**
 * The stable code of a failed command, for `error [CODE]: …`, taken from our own typed errors:
 * the config's, the database's and the migration engine's. Undefined for anything else: a
 * driver's or Node's `code` is not one we promise.
 *
 * @example failureCode(new MigrateError('MIGRATE_NOT_AT_HEAD', '…')) // 'MIGRATE_NOT_AT_HEAD'
 */
export function failureCode(error: unknown): string | undefined {
  return error instanceof ConfigError || error instanceof DbError || error instanceof MigrateError
    ? error.code
    : undefined;
}
