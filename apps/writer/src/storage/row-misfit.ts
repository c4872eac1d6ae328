import type { Insertable } from 'kysely';
import type { Database } from '@meshview/db';

/** A table the writer inserts into, by name. */
type TableName = keyof Database;

type ColumnName<N extends TableName> = keyof Database[N] & string;

type WrongTypes<N extends TableName, Row, I = Insertable<Database[N]>> = {
  [K in keyof Row & ColumnName<N>]-?: K extends keyof I ? (Row[K] extends I[K] ? never : K) : K;
}[keyof Row & ColumnName<N>];

/**
 * What keeps `Row` from being a row of table `N` with every column but `L`: a column it lacks, a
 * field that is no column, or a field of a type the column does not take; `never` when it fits.
 * Rows made elsewhere (by `@meshview/mesh`, which knows nothing of the tables) are checked with
 * it at compile time: see {@link Fits}.
 */
export type RowMisfit<N extends TableName, Row, L extends ColumnName<N> = never> =
  | ([Exclude<ColumnName<N>, keyof Row | L>] extends [never]
      ? never
      : { readonly table: N; readonly missing: Exclude<ColumnName<N>, keyof Row | L> })
  | ([Exclude<keyof Row, ColumnName<N>>] extends [never]
      ? never
      : { readonly table: N; readonly notAColumn: Exclude<keyof Row, ColumnName<N>> })
  | ([WrongTypes<N, Row>] extends [never]
      ? never
      : { readonly table: N; readonly wrongType: WrongTypes<N, Row> });

/**
 * Compiles only when every misfit in `T` is `never`: `Fits<[RowMisfit<'packet', PacketRow>]>`
 * fails to compile, naming the column, when the row and the table part ways. A list rather than
 * a union: when all is well every member is `never`, which a union would list redundantly.
 */
export type Fits<T extends readonly never[]> = T;
