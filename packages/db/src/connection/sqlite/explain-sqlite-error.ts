import { accessSync, constants } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname } from 'node:path';
import { DatabaseAccessError, DatabaseOpenError } from '../../errors.js';
import type { SqliteTarget } from '../connection-target.js';
import type { DatabaseErrorContext } from '../explain-database-error.js';

/**
 * A SQLite error about the file (`SQLITE_CANTOPEN*`, `SQLITE_READONLY*`, `SQLITE_PERM`, or our
 * `DatabaseOpenError`) explained by looking at the file and its folder as this process's user:
 * a `DatabaseAccessError` (`DB_PERMISSION_DENIED`) naming the user, the file or folder and the
 * permission to give; otherwise a `DatabaseOpenError` naming the key, the file and its folder.
 * Any other error is returned unchanged.
 */
export function explainSqliteError(
  error: unknown,
  context: DatabaseErrorContext<SqliteTarget>,
): unknown {
  if (!isFileError(error)) return error;
  const { target, key, readOnly } = context;
  const cause =
    error instanceof DatabaseOpenError && error.cause instanceof Error ? error.cause : error;
  const reason = (cause as Error).message;
  const file = target.filename;
  const folder = dirname(file);
  const user = currentUser();
  const found = diagnose({ file, folder, user, readOnly });
  if (found === 'no folder') {
    return new DatabaseOpenError(
      target.display,
      `the folder ${folder} does not exist (${key}); create it (the writer creates the ` +
        `database file, not its folder), or fix the path in ${key}`,
      { cause: error },
    );
  }
  if (found !== undefined) {
    return new DatabaseAccessError('DB_PERMISSION_DENIED', `${found} (SQLite: ${reason})`, {
      key,
      database: target.display,
      cause: error,
    });
  }
  return new DatabaseOpenError(
    target.display,
    `${reason} (${key}); check that ${user} may read${readOnly ? '' : ' and write'} ${file} ` +
      `and its folder ${folder}`,
    { cause: error },
  );
}

function isFileError(error: unknown): boolean {
  if (error instanceof DatabaseOpenError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(?:CANTOPEN|READONLY|PERM)/.test(code);
}

/**
 * What this user may not do that SQLite needs, in words with the advice; `'no folder'`; or
 * undefined when the file system shows no cause. SQLite needs: search permission down to the
 * folder; read permission on the file (and write permission for the writer); and, for a database
 * in WAL mode, `<file>-wal` and `<file>-shm` beside it, which it creates (so write permission on
 * the folder) unless another process has the database open and they exist.
 */
function diagnose(props: {
  readonly file: string;
  readonly folder: string;
  readonly user: string;
  readonly readOnly: boolean;
}): string | undefined {
  const { file, folder, user, readOnly } = props;
  const name = basename(file);
  const sideFiles = `${name}-wal and ${name}-shm`;
  const folderState = refusal(folder, constants.F_OK);
  if (folderState === 'ENOENT' || folderState === 'ENOTDIR') return 'no folder';
  if (folderState !== undefined || refusal(folder, constants.X_OK) !== undefined) {
    return (
      `${user} may not look into the folder ${folder}: give it search (x) permission on that ` +
      `folder and on every folder above it`
    );
  }
  const folderWrite = refusal(folder, constants.W_OK);
  const fileState = refusal(file, constants.F_OK);
  if (fileState === 'ENOENT') {
    if (readOnly || folderWrite === undefined) return undefined;
    return (
      `${user} may not create ${file}${onReadOnlyFs(folderWrite)}: give it write permission on ` +
      `the folder ${folder} (SQLite creates ${name}, ${sideFiles} there)`
    );
  }
  if (refusal(file, constants.R_OK) !== undefined) {
    return `${user} may not read ${file}: give it read${readOnly ? '' : ' and write'} permission on that file`;
  }
  const fileWrite = readOnly ? undefined : refusal(file, constants.W_OK);
  if (fileWrite !== undefined) {
    return (
      `${user} may not write ${file}${onReadOnlyFs(fileWrite)}: the writer needs read and write ` +
      `permission on the database file, and write permission on its folder ${folder} for ` +
      `${sideFiles}`
    );
  }
  if (folderWrite === undefined) return undefined;
  if (!readOnly) {
    return (
      `${user} may not create ${sideFiles} in the folder ${folder}${onReadOnlyFs(folderWrite)}: ` +
      `the writer needs write permission on the folder as well as on the file`
    );
  }
  for (const side of [`${file}-shm`, `${file}-wal`]) {
    const state = refusal(side, constants.F_OK);
    if (state === 'ENOENT') {
      return (
        `${user} may not create ${side}${onReadOnlyFs(folderWrite)}: SQLite reads a database in ` +
        `WAL mode through ${sideFiles} beside it, and creates them when no process has the ` +
        `database open (the writer is not running). Give this user write permission on the ` +
        `folder ${folder}, or run as the database's owner; while the writer has the database ` +
        `open, read permission on ${name}, ${sideFiles} is enough`
      );
    }
    if (refusal(side, constants.R_OK) !== undefined) {
      return (
        `${user} may not read ${side}: give it read permission on ${sideFiles} (SQLite creates ` +
        `them with the permissions of ${name})`
      );
    }
  }
  return undefined;
}

/** The errno code for which `access(path, mode)` fails, or undefined when it is allowed. */
function refusal(path: string, mode: number): string | undefined {
  try {
    accessSync(path, mode);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}

const onReadOnlyFs = (code: string): string =>
  code === 'EROFS' ? ' (a read-only file system)' : '';

/** `name (uid N)`, as far as the system knows the name. */
function currentUser(): string {
  const uid = process.getuid?.();
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry for the uid (an arbitrary uid in a container): the number says it.
  }
  if (uid === undefined) return name ?? 'this user';
  return name === undefined ? `uid ${uid}` : `${name} (uid ${uid})`;
}
