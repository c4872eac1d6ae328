import { sql, type QueryExecutorProvider } from 'kysely';
import { compareNames } from './schema-from-models.js';
import { normaliseDefault, normaliseExpression, normaliseType } from './normalise.js';
import type {
  DatabaseSchema,
  SchemaColumn,
  SchemaForeignKey,
  SchemaIndex,
  SchemaUnique,
} from './schema-model.js';

interface ColumnRow {
  tbl: string;
  name: string;
  type: string;
  notnull: boolean;
  default: string | null;
  identity: string;
}

interface ConstraintRow {
  tbl: string;
  name: string;
  kind: 'p' | 'u' | 'f';
  on_delete: string;
  ref: string | null;
  columns: string[];
  ref_columns: string[] | null;
}

interface IndexRow {
  tbl: string;
  name: string;
  unique: boolean;
  predicate: string | null;
  columns: string[];
  descending: boolean[];
}

interface TableDraft {
  readonly name: string;
  readonly columns: SchemaColumn[];
  readonly primaryKey: string[];
  readonly indexes: SchemaIndex[];
  readonly uniques: SchemaUnique[];
  readonly foreignKeys: SchemaForeignKey[];
}

const ON_DELETE: Readonly<Record<string, string>> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/**
 * Reads the schema of the connection's current schema on PostgreSQL from the catalogs
 * (`pg_class`, `pg_attribute`, `pg_attrdef`, `pg_constraint`, `pg_index`): three queries for the
 * whole schema, whatever the number of tables. `SERIAL` and identity columns are autoincrement
 * without a default; indexes that back a constraint are the constraint, not an index.
 */
export async function introspectPostgres(
  db: QueryExecutorProvider,
  exclude: ReadonlySet<string>,
): Promise<DatabaseSchema> {
  const columns = await sql<ColumnRow>`
    SELECT c.relname AS tbl, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
      a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS default,
      a.attidentity AS identity
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
    ORDER BY c.relname, a.attnum`.execute(db);
  const constraints = await sql<ConstraintRow>`
    SELECT c.relname AS tbl, k.conname AS name, k.contype AS kind, k.confdeltype AS on_delete,
      r.relname AS ref,
      ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(num, i)
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.i) AS columns,
      ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(num, i)
        JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.i)
        AS ref_columns
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class r ON r.oid = k.confrelid
    WHERE n.nspname = current_schema() AND k.contype IN ('p', 'u', 'f')
    ORDER BY c.relname, k.conname`.execute(db);
  const indexes = await sql<IndexRow>`
    SELECT c.relname AS tbl, i.relname AS name, x.indisunique AS unique,
      pg_get_expr(x.indpred, x.indrelid) AS predicate,
      ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true)
        FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS columns,
      ARRAY(SELECT (x.indoption[k - 1] & 1) = 1
        FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS descending
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class c ON c.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k
        WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
    ORDER BY c.relname, i.relname`.execute(db);

  const tables = new Map<string, TableDraft>();
  const table = (name: string) => {
    let found = tables.get(name);
    if (!found) {
      found = { name, columns: [], primaryKey: [], indexes: [], uniques: [], foreignKeys: [] };
      tables.set(name, found);
    }
    return found;
  };
  for (const row of columns.rows) {
    const type = normaliseType(row.type, 'postgres');
    const serial = row.default !== null && /^nextval\(.*\)$/i.test(row.default.trim());
    table(row.tbl).columns.push({
      name: row.name,
      type,
      nullable: !row.notnull,
      default: serial ? null : normaliseDefault(row.default, type),
      autoincrement: serial || row.identity !== '',
    });
  }
  for (const row of constraints.rows) {
    const t = table(row.tbl);
    if (row.kind === 'p') t.primaryKey.push(...row.columns);
    else if (row.kind === 'u') t.uniques.push({ name: row.name, columns: row.columns });
    else {
      t.foreignKeys.push({
        name: row.name,
        columns: row.columns,
        referencedTable: row.ref ?? '?',
        referencedColumns: row.ref_columns ?? [],
        onDelete: ON_DELETE[row.on_delete] ?? row.on_delete,
      });
    }
  }
  for (const row of indexes.rows) {
    table(row.tbl).indexes.push({
      name: row.name,
      columns: row.columns.map((column, i) => ({
        name: unquote(column),
        descending: row.descending[i] === true,
      })),
      unique: row.unique,
      where: row.predicate,
    });
  }
  return {
    tables: [...tables.values()]
      .filter((t) => !exclude.has(t.name))
      .sort((a, b) => compareNames(a.name, b.name)),
  };
}

/** `"Name"` is `Name`; an expression is kept as written, in parentheses. */
function unquote(column: string): string {
  if (/^"([^"]|"")*"$/.test(column)) return column.slice(1, -1).replaceAll('""', '"');
  if (/^[a-z_][a-z0-9_$]*$/.test(column)) return column;
  return `(${normaliseExpression(column)})`;
}
