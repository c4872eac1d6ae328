import { BackupNoRoomError } from './backup-errors.js';

/** What `fs.statfs` says of a folder's file system, the part this needs. */
export interface FileSystemRoom {
  /** Free blocks an unprivileged user may use. */
  readonly bavail: number;
  /** Bytes per block. */
  readonly bsize: number;
}

/** Bytes kept free beyond the copy itself, for the compressed file's start and for others. */
export const BACKUP_MARGIN_BYTES = 16 * 1024 * 1024;

/**
 * Throws `BackupNoRoomError` (naming the folder, the bytes needed and those available) unless the
 * file system holding `dir` has `neededBytes` free for this user.
 *
 * @example assertDiskRoom('/backups', await statfs('/backups'), copyBytes + BACKUP_MARGIN_BYTES);
 */
export function assertDiskRoom(dir: string, room: FileSystemRoom, neededBytes: number): void {
  const available = room.bavail * room.bsize;
  if (available < neededBytes) throw new BackupNoRoomError(dir, neededBytes, available);
}
