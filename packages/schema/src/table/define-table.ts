import { InvalidTableDefinitionError } from '../errors.js';
import type { ColumnBuilder } from './column-builder.js';
import type { ColumnDefinition, ColumnValueTypes } from './column-definition.js';
import type {
  ForeignKeyAction,
  ForeignKeyDefinition,
  IndexDefinition,
  TableDefinition,
} from './table-definition.js';

/**
 * An index as written in `defineTable`: each column a name, or `{ column, order }`; `where` makes
 * it a partial index (SQL that both databases accept, without the `WHERE`).
 */
export interface IndexInput<C extends string> {
  readonly name: string;
  readonly columns: readonly (C | { readonly column: C; readonly order: 'asc' | 'desc' })[];
  readonly unique?: boolean;
  readonly where?: string;
}

/** A foreign key as written in `defineTable`. */
export interface ForeignKeyInput<C extends string> {
  readonly name?: string;
  readonly columns: readonly C[];
  readonly references: { readonly table: string; readonly columns: readonly string[] };
  readonly onDelete?: ForeignKeyAction;
}

/** Indexes and foreign keys of a table, referring to its columns by name. */
export interface TableOptions<C extends string> {
  readonly indexes?: readonly IndexInput<C>[];
  readonly foreignKeys?: readonly ForeignKeyInput<C>[];
}

// A builder of any column types: ColumnBuilder is covariant in them (they are only read back).
type AnyColumnBuilder = ColumnBuilder<ColumnValueTypes>;

type ColumnTypesOf<T extends Record<string, AnyColumnBuilder>> = {
  readonly [K in keyof T]: T[K]['~types'] extends infer V extends ColumnValueTypes ? V : never;
};

/**
 * Defines a table the way a SQLAlchemy model does. Columns keep the order of the `columns`
 * object; the result is frozen plain data that also carries the columns' TypeScript types.
 *
 * @example
 * export const packetSeenTable = defineTable('packet_seen', {
 *   packet_id: column.bigInteger().primaryKey(),
 *   rx_snr: column.float(),
 * }, {
 *   indexes: [
 *     { name: 'idx_packet_seen_packet_id', columns: ['packet_id'] },
 *     { name: 'idx_packet_seen_weak', columns: ['rx_snr'], where: 'rx_snr < 0' },
 *   ],
 *   foreignKeys: [{ columns: ['packet_id'], references: { table: 'packet', columns: ['id'] } }],
 * });
 */
export function defineTable<
  const TName extends string,
  const TColumns extends Record<string, AnyColumnBuilder>,
>(
  name: TName,
  columns: TColumns,
  options: TableOptions<keyof TColumns & string> = {},
): TableDefinition<TName, ColumnTypesOf<TColumns>> {
  const fail = (problem: string): never => {
    throw new InvalidTableDefinitionError(name, problem);
  };
  const names = Object.keys(columns);
  if (names.length === 0) fail('it has no columns');
  // Integer-like keys would be enumerated first, silently reordering the columns.
  const numeric = names.find((column) => /^(0|[1-9]\d*)$/.test(column));
  if (numeric !== undefined) fail(`column name "${numeric}" would not keep its place`);

  const columnDefinitions: ColumnDefinition[] = names.map((column) =>
    Object.freeze({ name: column, ...columns[column]!.spec }),
  );
  const primaryKey = columnDefinitions.filter((c) => c.primaryKey).map((c) => c.name);
  for (const c of columnDefinitions) {
    if (!c.autoincrement) continue;
    if (c.type.kind !== 'integer' && c.type.kind !== 'bigInteger') {
      fail(`autoincrement column "${c.name}" is not an integer`);
    }
    if (primaryKey.length !== 1 || !c.primaryKey) {
      fail(`autoincrement column "${c.name}" must be the only primary key column`);
    }
  }
  if (columnDefinitions.some((c) => c.type.kind === 'string' && !validLength(c.type.length))) {
    fail('a string length must be a positive integer');
  }

  const known = (list: readonly string[], what: string): void => {
    if (list.length === 0) fail(`${what} has no columns`);
    const unknown = list.find((column) => !names.includes(column));
    if (unknown !== undefined) fail(`${what} names unknown column "${unknown}"`);
  };
  const indexes = (options.indexes ?? []).map((index): IndexDefinition => {
    const indexColumns = index.columns.map((c) =>
      Object.freeze(
        typeof c === 'string'
          ? { name: c, descending: false }
          : { name: c.column, descending: c.order === 'desc' },
      ),
    );
    known(
      indexColumns.map((c) => c.name),
      `index "${index.name}"`,
    );
    if (index.where !== undefined && index.where.trim() === '') {
      fail(`index "${index.name}" has an empty where`);
    }
    return Object.freeze({
      name: index.name,
      columns: Object.freeze(indexColumns),
      unique: index.unique ?? false,
      // An index on every row has no `where` key, so its plain data (which generated scripts
      // embed) is what it was before partial indexes.
      ...(index.where === undefined ? {} : { where: index.where }),
    });
  });
  const duplicate = indexes.find((index, i) => indexes.findIndex((o) => o.name === index.name) < i);
  if (duplicate !== undefined) fail(`index name "${duplicate.name}" is used twice`);

  const foreignKeys = (options.foreignKeys ?? []).map((fk): ForeignKeyDefinition => {
    const what = `foreign key (${fk.columns.join(', ')})`;
    known(fk.columns, what);
    if (fk.columns.length !== fk.references.columns.length) {
      fail(`${what} and its referenced columns differ in number`);
    }
    return Object.freeze({
      name: fk.name ?? null,
      columns: Object.freeze([...fk.columns]),
      referencedTable: fk.references.table,
      referencedColumns: Object.freeze([...fk.references.columns]),
      onDelete: fk.onDelete ?? null,
    });
  });

  return Object.freeze({
    name,
    columns: Object.freeze(columnDefinitions),
    primaryKey: Object.freeze(primaryKey),
    indexes: Object.freeze(indexes),
    foreignKeys: Object.freeze(foreignKeys),
  });
}

function validLength(length: number | null): boolean {
  return length === null || (Number.isInteger(length) && length > 0);
}
