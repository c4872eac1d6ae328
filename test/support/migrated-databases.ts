import { afterEach } from 'vitest';
import { openDatabase, type DatabaseConnection } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { freshDatabaseUrl, type DialectUnderTest } from './databases.js';

/**
 * A fresh database of `dialect` migrated to head, closed after the test. Call inside a suite.
 */
export function migratedDatabases(): (
  dialect: DialectUnderTest,
  name: string,
) => Promise<DatabaseConnection> {
  const open: DatabaseConnection[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  return async (dialect, name) => {
    const handle = await openDatabase(await freshDatabaseUrl(dialect, name));
    open.push(handle);
    const migrator = await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db });
    await migrator.upgrade('head');
    return handle;
  };
}
