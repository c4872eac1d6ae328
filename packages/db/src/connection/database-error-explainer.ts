import { explainDatabaseError, type DatabaseErrorContext } from './explain-database-error.js';

/**
 * A rejection handler that rethrows whatever it gets through {@link explainDatabaseError} with
 * one context: what an app's start passes to `.catch` on everything that opens or first uses its
 * database, so each failure names the config key and the file or host.
 *
 * @example
 * const key = '[database] connection_string';
 * const explain = databaseErrorExplainer({ target, key, readOnly: false });
 * const handle = await openDatabase(target).catch(explain);
 */
export function databaseErrorExplainer(context: DatabaseErrorContext): (error: unknown) => never {
  return (error) => {
    throw explainDatabaseError(error, context);
  };
}
