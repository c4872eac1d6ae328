import type { DatabaseOf } from '@meshview/schema';
import type { tables } from './tables/tables.js';

/**
 * The Kysely database interface of MeshView's tables, derived from their definitions.
 *
 * @example const rows = await db.selectFrom('node').select(['id', 'long_name']).execute();
 */
export type Database = DatabaseOf<typeof tables>;
