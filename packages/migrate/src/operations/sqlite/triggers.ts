import { MigrateError } from '../../errors.js';
import { identifierOf, isKeyword, tokenize } from './sql-tokens.js';

/** The name a `CREATE TRIGGER` statement gives its trigger. */
export function triggerName(sql: string): string {
  const tokens = tokenize(sql);
  let i = 1;
  if (isKeyword(tokens[i], 'TEMP', 'TEMPORARY')) i += 1;
  if (!isKeyword(tokens[0], 'CREATE') || !isKeyword(tokens[i], 'TRIGGER')) {
    throw new MigrateError(
      'MIGRATE_OPERATION_INVALID',
      `not a CREATE TRIGGER statement: ${sql.slice(0, 80)}`,
    );
  }
  i += 1;
  if (isKeyword(tokens[i], 'IF')) i += 3;
  if (tokens[i + 1]?.text === '.') i += 2;
  return identifierOf(tokens[i]) ?? '';
}
