import { sql, type QueryExecutorProvider } from 'kysely';
import { compareNames } from './schema-from-models.js';
import { normaliseDefault, normaliseType } from './normalise.js';
import type {
  DatabaseSchema,
  SchemaColumn,
  SchemaForeignKey,
  SchemaIndex,
  SchemaTable,
  SchemaUnique,
} from './schema-model.js';

interface ColumnRow {
  tbl: string;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

interface IndexRow {
  tbl: string;
  name: string;
  unique: number;
  origin: string;
  partial: number;
  column: string | null;
  cid: number;
  desc: number;
  sql: string | null;
}

interface ForeignKeyRow {
  tbl: string;
  id: number;
  ref: string;
  from: string;
  to: string | null;
  on_delete: string;
}

/**
 * Reads the schema of a SQLite database: `sqlite_master` joined with the pragma functions
 * (`table_xinfo`, `index_list`, `index_xinfo`, `foreign_key_list`), four queries whatever the
 * number of tables. SQLite's automatic indexes behind `UNIQUE` and `PRIMARY KEY` become the
 * constraints they serve; `exclude` names tables to leave out.
 */
export async function introspectSqlite(
  db: QueryExecutorProvider,
  exclude: ReadonlySet<string>,
): Promise<DatabaseSchema> {
  const tables = sql`(SELECT name FROM sqlite_master WHERE type = 'table'
    AND name NOT LIKE 'sqlite_%')`;
  const columns = await sql<ColumnRow>`
    SELECT m.name AS tbl, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
    FROM ${tables} m JOIN pragma_table_xinfo(m.name) p
    ORDER BY m.name, p.cid`.execute(db);
  const indexes = await sql<IndexRow>`
    SELECT m.name AS tbl, l.name, l."unique", l.origin, l.partial, x.name AS "column", x.cid,
      x."desc", s.sql
    FROM ${tables} m JOIN pragma_index_list(m.name) l JOIN pragma_index_xinfo(l.name) x
    LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = l.name
    WHERE x.key = 1
    ORDER BY m.name, l.name, x.seqno`.execute(db);
  const foreignKeys = await sql<ForeignKeyRow>`
    SELECT m.name AS tbl, f.id, f."table" AS ref, f."from", f."to", f.on_delete
    FROM ${tables} m JOIN pragma_foreign_key_list(m.name) f
    ORDER BY m.name, f.id, f.seq`.execute(db);

  const byTable = new Map<
    string,
    { columns: ColumnRow[]; indexes: IndexRow[]; fks: ForeignKeyRow[] }
  >();
  const entry = (name: string) => {
    let found = byTable.get(name);
    if (!found) byTable.set(name, (found = { columns: [], indexes: [], fks: [] }));
    return found;
  };
  for (const row of columns.rows) entry(row.tbl).columns.push(row);
  for (const row of indexes.rows) entry(row.tbl).indexes.push(row);
  for (const row of foreignKeys.rows) entry(row.tbl).fks.push(row);

  const primaryKeys = new Map<string, string[]>();
  for (const [name, rows] of byTable) {
    const key = rows.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    primaryKeys.set(
      name,
      key.map((c) => c.name),
    );
  }
  const result: SchemaTable[] = [];
  for (const [name, rows] of byTable) {
    if (exclude.has(name)) continue;
    result.push(tableOf(name, rows.columns, rows.indexes, rows.fks, primaryKeys));
  }
  return { tables: result.sort((a, b) => compareNames(a.name, b.name)) };
}

function tableOf(
  name: string,
  columnRows: readonly ColumnRow[],
  indexRows: readonly IndexRow[],
  fkRows: readonly ForeignKeyRow[],
  primaryKeys: ReadonlyMap<string, readonly string[]>,
): SchemaTable {
  const primaryKey = [...(primaryKeys.get(name) ?? [])];
  const columns: SchemaColumn[] = columnRows
    .filter((c) => c.hidden !== 1)
    .map((c) => {
      // `INTEGER PRIMARY KEY` (that spelling only) makes the column the rowid.
      const rowid =
        primaryKey.length === 1 && c.pk === 1 && c.type.trim().toUpperCase() === 'INTEGER';
      const type = normaliseType(c.type, 'sqlite');
      return {
        name: c.name,
        type,
        nullable: rowid ? false : c.notnull === 0,
        default: normaliseDefault(c.dflt_value, type),
        autoincrement: rowid,
      };
    });

  const indexes: SchemaIndex[] = [];
  const uniques: SchemaUnique[] = [];
  for (const [indexName, rows] of groupBy(indexRows, (r) => r.name)) {
    const first = rows[0]!;
    const indexColumns = rows.map((r, i) => ({
      name: r.cid === -2 || r.column === null ? `(expression ${i + 1})` : r.column,
      descending: r.desc === 1,
    }));
    if (first.origin === 'pk') continue;
    if (first.origin === 'u') {
      uniques.push({ name: null, columns: indexColumns.map((c) => c.name) });
      continue;
    }
    indexes.push({
      name: indexName,
      columns: indexColumns,
      unique: first.unique === 1,
      where: first.partial === 1 ? partialPredicate(first.sql) : null,
    });
  }

  const foreignKeys: SchemaForeignKey[] = [...groupBy(fkRows, (r) => String(r.id)).values()].map(
    (rows) => {
      const first = rows[0]!;
      const referencedKey = primaryKeys.get(first.ref) ?? [];
      return {
        name: null,
        columns: rows.map((r) => r.from),
        referencedTable: first.ref,
        // `REFERENCES parent` without columns means the parent's primary key.
        referencedColumns: rows.map((r, i) => r.to ?? referencedKey[i] ?? '?'),
        onDelete: first.on_delete.toUpperCase(),
      };
    },
  );

  return {
    name,
    columns,
    primaryKey,
    indexes: indexes.sort((a, b) => compareNames(a.name, b.name)),
    uniques,
    foreignKeys: foreignKeys.reverse(),
  };
}

/** The `WHERE` of a partial index, from its `CREATE INDEX` text. */
function partialPredicate(createSql: string | null): string | null {
  const match = /\)\s*where\s+([\s\S]+?)\s*;?\s*$/i.exec(createSql ?? '');
  return match ? match[1]! : null;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
