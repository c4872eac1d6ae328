import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import type { JobLogger } from '../job-context.js';
import { BackupError } from './backup-errors.js';
import { backupFileName, backupsOf } from './backup-file-name.js';
import { assertDiskRoom, BACKUP_MARGIN_BYTES, type FileSystemRoom } from './disk-room.js';

/** What `backupSqlite` backs up, where, and how many it keeps. */
export interface SqliteBackupProps {
  /** The SQLite file (absolute). */
  readonly database: string;
  /** `[cleanup] backup_dir`; created when missing. */
  readonly dir: string;
  /** `[cleanup] backup_keep`: the newest this many daily backups stay; 0 keeps all. */
  readonly keep: number;
  readonly logger: JobLogger;
  /** The time the backup is named after; defaults to now. */
  readonly now?: () => Date;
  /** Pages copied between two turns of the event loop; default 1,000 (4 MB of 4 KB pages). */
  readonly pagesPerStep?: number;
  /** Bytes to keep free beyond the uncompressed copy; default {@link BACKUP_MARGIN_BYTES}. */
  readonly marginBytes?: number;
  /** The free-space query; `fs.statfs` by default. */
  readonly statfs?: (dir: string) => Promise<FileSystemRoom>;
}

/** A backup taken. */
export interface SqliteBackupResult {
  /** The `.db.gz` file written. */
  readonly file: string;
  /** The database's size as copied (pages × page size). */
  readonly databaseBytes: number;
  readonly compressedBytes: number;
  readonly ms: number;
  /** Older backups deleted to keep `keep`. */
  readonly pruned: readonly string[];
}

/**
 * Backs a live SQLite database up with SQLite's online backup: a consistent copy of the database
 * as of the backup's start (every transaction committed before it, none after), taken while the
 * writer goes on ingesting through its own connection. The copy is gzipped to
 * `<dir>/<stem>_backup_<YYYYmmdd_HHMMSS>.db.gz` (written under a temporary name, then renamed),
 * and the oldest backups beyond `keep` are deleted. Refused with `BackupNoRoomError` before any
 * copying when the folder's disk lacks room for the uncompressed copy and a margin.
 *
 * MeshView gzips the raw file instead, which misses what is still in the WAL and can catch a
 * page half-written.
 */
export async function backupSqlite(props: SqliteBackupProps): Promise<SqliteBackupResult> {
  const { database, keep, logger } = props;
  const dir = resolve(props.dir);
  const started = Date.now();
  const name = backupFileName(database, (props.now ?? (() => new Date()))());
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  const copy = `${file}.copy`;
  const partial = `${file}.partial`;
  try {
    const databaseBytes = await copyDatabase(props, dir, copy);
    logger.info({ file, databaseBytes }, 'backup copied; compressing');
    await pipeline(createReadStream(copy), createGzip(), createWriteStream(partial));
    // Gone before the backup is reported done: whoever reads the folder on "backup done" (an
    // operator, a script, a test) finds the backup alone, and the disk has its room back.
    await rm(copy, { force: true });
    const handle = await open(partial, 'r+');
    await handle.sync().finally(() => handle.close());
    await rename(partial, file);
    const compressedBytes = (await stat(file)).size;
    const pruned = keep > 0 ? await prune(database, dir, keep) : [];
    const ms = Date.now() - started;
    logger.info(
      { file, databaseBytes, compressedBytes, ms, pruned },
      `backup done: ${file} (${compressedBytes} bytes from ${databaseBytes}, ${ms} ms)` +
        (pruned.length > 0 ? `; deleted ${pruned.length} older backup(s)` : ''),
    );
    return { file, databaseBytes, compressedBytes, ms, pruned };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      'BACKUP_FAILED',
      `backup of ${database} into ${dir} failed: ${(error as Error).message ?? String(error)}`,
      { cause: error },
    );
  } finally {
    await rm(copy, { force: true });
    await rm(partial, { force: true });
  }
}

/** Copies the database to `copy` as of now, and returns its size; checks the room first. */
async function copyDatabase(props: SqliteBackupProps, dir: string, copy: string): Promise<number> {
  const source = new BetterSqlite3(props.database, {
    readonly: true,
    fileMustExist: true,
    timeout: 5000,
  });
  try {
    // A read transaction held across the whole copy fixes the snapshot: without it SQLite
    // restarts a stepped backup whenever another connection (the ingest thread) commits between
    // two steps, and under steady ingest it would never finish.
    source.exec('BEGIN');
    source.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    const pageSize = source.pragma('page_size', { simple: true }) as number;
    const pageCount = source.pragma('page_count', { simple: true }) as number;
    const databaseBytes = pageSize * pageCount;
    const room = await (props.statfs ?? statfs)(dir);
    assertDiskRoom(dir, room, databaseBytes + (props.marginBytes ?? BACKUP_MARGIN_BYTES));
    props.logger.info(
      { database: props.database, databaseBytes },
      `backup started: ${props.database} (${databaseBytes} bytes) into ${dir}`,
    );
    const pages = props.pagesPerStep ?? 1000;
    await source.backup(copy, { progress: () => pages });
    source.exec('COMMIT');
    return databaseBytes;
  } finally {
    source.close();
  }
}

/** Deletes the oldest daily backups of `database` beyond the newest `keep`; returns their names. */
async function prune(database: string, dir: string, keep: number): Promise<string[]> {
  const backups = backupsOf(database, await readdir(dir));
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}
