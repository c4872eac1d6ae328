import type { QueryExecutorProvider } from 'kysely';
import type { DialectName, TableDefinition } from '@meshview/schema';
import { diffSchemas } from './diff-schemas.js';
import { introspectPostgres } from './introspect-postgres.js';
import { introspectSqlite } from './introspect-sqlite.js';
import type { SchemaChange } from './schema-change.js';
import { schemaFromModels } from './schema-from-models.js';
import type { DatabaseSchema } from './schema-model.js';

/** The engine's own tables, which no model describes. */
export const ENGINE_TABLE_NAMES: readonly string[] = ['alembic_version', 'migration_status'];

/**
 * Reads a live database's schema in the normalised form, without the engine's tables and those
 * named in `exclude`.
 */
export function introspectSchema(
  db: QueryExecutorProvider,
  dialect: DialectName,
  exclude: readonly string[] = [],
): Promise<DatabaseSchema> {
  const skip = new Set([...ENGINE_TABLE_NAMES, ...exclude]);
  return dialect === 'sqlite' ? introspectSqlite(db, skip) : introspectPostgres(db, skip);
}

/** What {@link compareSchema} compares. */
export interface CompareSchemaProps {
  /** The database to read: any Kysely instance, whatever its tables' types. */
  readonly db: QueryExecutorProvider;
  readonly dialect: DialectName;
  /** The models the database should match. */
  readonly models: readonly TableDefinition[];
  /** Tables no model describes that are left alone (neither reported nor dropped). */
  readonly exclude?: readonly string[];
}

/**
 * The steps that would bring the database to the models: empty when they match. What
 * `meshview-migrate check` reports and `revision --autogenerate` writes.
 *
 * @example
 * const changes = await compareSchema({ db, dialect: 'sqlite', models: Object.values(tables) });
 * for (const change of changes) console.log(describeChange(change));
 */
export async function compareSchema(props: CompareSchemaProps): Promise<SchemaChange[]> {
  const exclude = props.exclude ?? [];
  const current = await introspectSchema(props.db, props.dialect, exclude);
  const models = props.models.filter((m) => !exclude.includes(m.name));
  return diffSchemas(current, schemaFromModels(models, props.dialect));
}
