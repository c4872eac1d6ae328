/**
 * Statements a read-only connection runs on a caller's behalf: those whose first keyword reads
 * (`SELECT`, `WITH`, `VALUES`, `TABLE`, `EXPLAIN`, `SHOW`), after blanks, comments and opening
 * parentheses. Anything else (`SET`, `COMMIT`, `ATTACH`, `INSERT`, …) is refused before it reaches
 * the database, so that no statement can undo the connection's read-only settings.
 */
export function isReadStatement(sql: string): boolean {
  const head = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
  return /^(?:select|with|values|table|explain|show)\b/i.test(head);
}

/** The transaction statements Kysely itself issues, which a read-only connection lets through. */
export type TransactionStatement =
  | { readonly kind: 'begin'; readonly isolation: string; readonly readWrite: boolean }
  | { readonly kind: 'end' }
  | { readonly kind: 'savepoint' };

const BEGIN =
  /^(?:begin|start transaction)((?: isolation level [a-z ]+?)?)( read only| read write)?$/i;
const END = /^(?:commit|rollback)$/i;
const SAVEPOINT = /^(?:savepoint|release|rollback to) "[^"]+"$/i;

/** What a transaction statement of Kysely's is, or undefined for any other statement. */
export function transactionStatement(sql: string): TransactionStatement | undefined {
  const text = sql.trim();
  const begin = BEGIN.exec(text);
  if (begin) {
    return {
      kind: 'begin',
      isolation: begin[1] ?? '',
      readWrite: /read write/i.test(begin[2] ?? ''),
    };
  }
  if (END.test(text)) return { kind: 'end' };
  if (SAVEPOINT.test(text)) return { kind: 'savepoint' };
  return undefined;
}
