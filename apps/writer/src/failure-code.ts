import { ConfigError } from '@meshview/config';
import { DbError } from '@meshview/db';
import { MeshError } from '@meshview/mesh';
import { MigrateError } from '@meshview/migrate';
import { IngestThreadError } from './ingest/ingest-thread.js';
import {
  BrokerBindError,
  BrokerPortForbiddenError,
  BrokerPortInUseError,
} from './mqtt/broker-errors.js';

/**
 * The stable code of a writer failure, for `writer failed [CODE]: …` and the ingest thread's
 * report of why it could not start, taken from our own typed errors: the config's, the
 * database's, the migration engine's, the channel keys', the ingest thread's and the embedded
 * broker's. Undefined for anything else: a driver's or Node's `code` is not one we promise.
 *
 * @example failureCode(new ConfigError('CONFIG_INVALID_VALUE', '…')) // 'CONFIG_INVALID_VALUE'
 */
export function failureCode(error: unknown): string | undefined {
  return error instanceof ConfigError ||
    error instanceof DbError ||
    error instanceof MigrateError ||
    error instanceof MeshError ||
    error instanceof IngestThreadError ||
    error instanceof BrokerPortInUseError ||
    error instanceof BrokerBindError ||
    error instanceof BrokerPortForbiddenError
    ? error.code
    : undefined;
}
