import type { ColumnType, Generated } from 'kysely';
import type { ColumnValueTypes } from './column-definition.js';
import type { TableDefinition } from './table-definition.js';

type Same<A, B, Then, Else> = [A] extends [B] ? ([B] extends [A] ? Then : Else) : Else;
type OrNull<T extends ColumnValueTypes, V> = T['nullable'] extends true ? V | null : V;

/**
 * The Kysely column type of a column: `T | null` when nullable, `Generated<T>` when the database
 * fills it in, and `ColumnType<Select, Write, Write>` when reads and writes differ (binary).
 */
export type ColumnOf<T extends ColumnValueTypes> = Same<
  T['select'],
  T['write'],
  T['generated'] extends true ? Generated<OrNull<T, T['select']>> : OrNull<T, T['select']>,
  T['generated'] extends true
    ? ColumnType<OrNull<T, T['select']>, OrNull<T, T['write']> | undefined, OrNull<T, T['write']>>
    : ColumnType<OrNull<T, T['select']>, OrNull<T, T['write']>, OrNull<T, T['write']>>
>;

/** The Kysely table interface of a table definition. */
export type TableOf<T extends TableDefinition> =
  T extends TableDefinition<string, infer C>
    ? { -readonly [K in keyof C & string]: ColumnOf<C[K]> }
    : never;

/**
 * The Kysely `Database` interface of a set of table definitions, keyed by table name.
 *
 * @example export type Database = DatabaseOf<typeof tables>;
 */
export type DatabaseOf<T extends Readonly<Record<string, TableDefinition>>> = {
  -readonly [K in keyof T as T[K]['name']]: TableOf<T[K]>;
};
