import { sql, type QueryExecutorProvider } from 'kysely';
import { quoteIdentifier } from '@meshview/schema';
import { MigrateError } from '../errors.js';
import type { ForeignKeyViolation } from './foreign-key-violation.js';

/**
 * Runs `work` with SQLite's foreign key enforcement off, and puts it back as it was afterwards,
 * also on failure. `PRAGMA foreign_keys` is a no-op inside a transaction, so this must be called
 * between transactions; it checks that the switch took.
 */
export async function withSqliteForeignKeysOff<T>(
  conn: QueryExecutorProvider,
  work: () => Promise<T>,
): Promise<T> {
  const enabled = await foreignKeysEnabled(conn);
  await sql.raw('PRAGMA foreign_keys = OFF').execute(conn);
  try {
    if (await foreignKeysEnabled(conn)) {
      throw new MigrateError(
        'MIGRATE_FOREIGN_KEYS_ON',
        'could not turn SQLite foreign keys off: a transaction is open on the connection',
      );
    }
    return await work();
  } finally {
    if (enabled) await sql.raw('PRAGMA foreign_keys = ON').execute(conn);
  }
}

async function foreignKeysEnabled(conn: QueryExecutorProvider): Promise<boolean> {
  const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(conn);
  return Number(rows[0]?.foreign_keys ?? 0) === 1;
}

/** Every row of the database whose foreign key points at no row (`PRAGMA foreign_key_check`). */
export async function sqliteForeignKeyViolations(
  conn: QueryExecutorProvider,
): Promise<ForeignKeyViolation[]> {
  const { rows } = await sql<{
    table: string;
    rowid: number | null;
    parent: string;
    fkid: number;
  }>`PRAGMA foreign_key_check`.execute(conn);
  return rows.map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent, fkid: r.fkid }));
}

/**
 * One line per violation, naming the row and its foreign key values:
 * `packet_seen rowid 7 (packet_id = 99): no such row in packet`.
 */
export async function describeSqliteViolations(
  conn: QueryExecutorProvider,
  violations: readonly ForeignKeyViolation[],
): Promise<string[]> {
  const lines: string[] = [];
  for (const v of violations) {
    const { rows: keys } = await sql<{ id: number; from: string; to: string | null }>`
      SELECT id, "from", "to" FROM pragma_foreign_key_list(${v.table}) WHERE id = ${v.fkid}
      ORDER BY seq`.execute(conn);
    let values = '';
    if (v.rowid !== null && keys.length > 0) {
      const columns = keys.map((k) => quoteIdentifier(k.from, 'sqlite')).join(', ');
      const { rows } = await sql
        .raw<Record<string, unknown>>(
          `SELECT ${columns} FROM ${quoteIdentifier(v.table, 'sqlite')} WHERE rowid = ${Number(v.rowid)}`,
        )
        .execute(conn);
      const row = rows[0] ?? {};
      values = ` (${keys.map((k) => `${k.from} = ${JSON.stringify(row[k.from] ?? null)}`).join(', ')})`;
    }
    const which = v.rowid === null ? 'a row' : `rowid ${v.rowid}`;
    lines.push(`${v.table} ${which}${values}: no such row in ${v.parent}`);
  }
  return lines;
}
