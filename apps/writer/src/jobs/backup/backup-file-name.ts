import { basename, extname } from 'node:path';

/**
 * The name of a daily backup of the SQLite file `database`, taken at local time `at`:
 * MeshView's `{stem}_backup_{YYYYmmdd_HHMMSS}.db.gz`, so scripts written for MeshView's backups
 * find ours.
 *
 * @example backupFileName('/data/packets.db', new Date(2026, 11, 6, 2, 0, 5)) // 'packets_backup_20261206_020005.db.gz'
 */
export function backupFileName(database: string, at: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const stamp =
    `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}_` +
    `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
  return `${backupStem(database)}_backup_${stamp}.db.gz`;
}

/**
 * Of the file names in a backup folder, the daily backups of `database` (nothing else: not
 * `backup_before_migrate`'s copies, not another database's backups), oldest first.
 */
export function backupsOf(database: string, names: readonly string[]): string[] {
  const stem = backupStem(database).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${stem}_backup_\\d{8}_\\d{6}\\.db\\.gz$`);
  // The timestamp sorts as text.
  return names.filter((name) => pattern.test(name)).sort();
}

function backupStem(database: string): string {
  const name = basename(database);
  return name.slice(0, name.length - extname(name).length) || name;
}
