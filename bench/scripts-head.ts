import { rmSync } from 'node:fs';
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';

/**
 * The head of the migration scripts, for a cached benchmark database's fingerprint (a new
 * revision makes a new database), read by the engine over the scratch file `scratch`, which it
 * never writes to and which is removed after.
 */
export async function scriptsHead(scratch: string): Promise<string> {
  const handle = await openDatabase(`sqlite:///${scratch}`);
  try {
    const migrator = await createMeshviewMigrator({ dialect: 'sqlite', db: handle.db });
    return migrator.headRevisions().join(',');
  } finally {
    await handle.close();
    for (const file of [scratch, `${scratch}-wal`, `${scratch}-shm`]) rmSync(file, { force: true });
  }
}
