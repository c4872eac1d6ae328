// The last hours of the simulated mesh, stored through the writer's own code at the times they
// were received (MQTT would stamp them with the present).
import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { simulateMesh } from '@meshview/sim';
import { importHistory } from '@meshview/writer/import-history';

/**
 * Migrates the database at `url` to head, as the writer does at start, then stores `hours` of
 * the mesh of `seed` ending at `nowUs`. Returns what was stored.
 */
export async function fillHistory({ url, seed, nodeCount, hours, nowUs, secondaryKey }) {
  const handle = await openDatabase(url);
  const { db, dialect } = handle;
  try {
    const migrator = await createMeshviewMigrator({ dialect, db });
    await migrator.upgrade('head');
    const mesh = simulateMesh({ seed, nowUs, nodeCount, hours });
    const imported = await importHistory({
      db,
      dialect,
      secondaryKeys: [secondaryKey],
      messages: mesh.messages,
    });
    return { ...imported, nodes: mesh.record.nodes.length, messages: mesh.messages.length };
  } finally {
    await handle.close();
  }
}
