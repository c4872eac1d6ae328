import { CompiledQuery, type Kysely } from 'kysely';
import type { MigrationContext } from './migration-script.js';
import type { UntypedTables } from './untyped-tables.js';

/** `MigrationContext.query` over a connection (the revision's, or offline the recording one). */
export function rawQuery(db: Kysely<UntypedTables>): MigrationContext['query'] {
  return async <Row>(statement: string, parameters: readonly unknown[] = []) =>
    (await db.executeQuery<Row>(CompiledQuery.raw(statement, [...parameters]))).rows;
}
