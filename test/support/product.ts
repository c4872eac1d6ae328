import { openDatabase } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';

/** The product chain's revisions, oldest first: MeshView's lineage, then ours. */
export const PRODUCT_REVISIONS = [
  '23dad03d2e42',
  '4f1d2a9c8b71',
  'c6b1d8f2a9e3',
  'ef8c9c0f7bd5',
  'a1c3e5f7b9d2',
  'b7d9f1a3c5e8',
  '69e00a3c10ef',
  'c507809efd55',
] as const;

/** The head of the product's migration chain. */
export const PRODUCT_HEAD = PRODUCT_REVISIONS.at(-1)!;

/** MeshView 3.0.6's head (its no-op placeholder): where MeshView's own lineage ends. */
export const MESHVIEW_HEAD = 'c6b1d8f2a9e3';

/** Brings the database at `url` to the product's head with the product's own migrator. */
export async function migrateToProductHead(url: string): Promise<void> {
  const handle = await openDatabase(url);
  try {
    const migrator = await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db });
    await migrator.upgrade('head');
  } finally {
    await handle.close();
  }
}
