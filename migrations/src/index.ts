export {
  createMeshviewMigrator,
  scriptLocationFor,
  type MeshviewMigratorProps,
} from './create-meshview-migrator.js';
export { meshviewScripts } from './meshview-scripts.js';
export { meshviewRetiredRevisions } from './retired-revisions.js';
export { meshviewUnmanagedTables } from './unmanaged-tables.js';
