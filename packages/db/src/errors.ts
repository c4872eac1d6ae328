/** Stable codes of the errors this package throws; tests and callers branch on these. */
export type DbErrorCode =
  | 'DB_INVALID_CONNECTION_STRING'
  | 'DB_UNSUPPORTED_CONNECTION_STRING'
  | 'DB_NOT_FOUND'
  | 'DB_OPEN_FAILED'
  | 'DB_UNSAFE_INTEGER'
  | 'DB_READ_ONLY'
  | DatabaseAccessCode;

/**
 * The causes {@link DatabaseAccessError} tells apart: nothing answers at the host and port, the
 * server has no such database, it refused the role or its password, or the role or the user may
 * not read (or write) what it needs.
 */
export type DatabaseAccessCode =
  'DB_UNREACHABLE' | 'DB_NO_SUCH_DATABASE' | 'DB_AUTH_FAILED' | 'DB_PERMISSION_DENIED';

/** Base class of every error thrown by `@meshview/db`, with a stable `code`. */
export class DbError extends Error {
  /** Stable, machine-readable identifier of the failure. */
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A `connection_string` is empty, names an in-memory database, or cannot be parsed. */
export class InvalidConnectionStringError extends DbError {
  /** What is wrong with it, without the value (config errors show the value themselves). */
  readonly problem: string;

  constructor(display: string, problem: string, options?: { readonly cause?: unknown }) {
    super(
      'DB_INVALID_CONNECTION_STRING',
      `Invalid connection_string "${display}": ${problem}. ${SUPPORTED_FORMS}`,
      options,
    );
    this.problem = problem;
  }
}

/** A `connection_string` names a database this package does not support (e.g. MySQL). */
export class UnsupportedConnectionStringError extends DbError {
  /** What is wrong with it, without the value. */
  readonly problem: string = 'only SQLite and PostgreSQL are supported';

  constructor(display: string) {
    super(
      'DB_UNSUPPORTED_CONNECTION_STRING',
      `Unsupported connection_string "${display}". ${SUPPORTED_FORMS}`,
    );
  }
}

/** A read-only SQLite connection was asked for a file that does not exist. */
export class DatabaseNotFoundError extends DbError {
  /** The absolute path that was looked for. */
  readonly path: string;

  constructor(path: string) {
    super(
      'DB_NOT_FOUND',
      `SQLite database file not found: ${path}. Start the writer first (it creates the database), ` +
        'or fix [database] connection_string.',
    );
    this.path = path;
  }
}

/** The database could not be opened (missing folder, permissions, bad options, …). */
export class DatabaseOpenError extends DbError {
  constructor(display: string, problem: string, options?: { readonly cause?: unknown }) {
    super('DB_OPEN_FAILED', `Cannot open database ${display}: ${problem}`, options);
  }
}

/**
 * The database cannot be used as configured, and trying again will not change that: nothing
 * listens at the host and port, the database does not exist, the server refused the role, or
 * the role (PostgreSQL grants) or the user (SQLite file and folder permissions) may not do what it
 * needs. The message names the config key and the file or host, and says what to check or grant.
 * `explainDatabaseError` makes these from the drivers' errors.
 */
export class DatabaseAccessError extends DbError {
  declare readonly code: DatabaseAccessCode;
  /** The cause and the advice, without the config key and the database. */
  readonly detail: string;
  /** The config key the connection string came from, e.g. `[database] connection_string`. */
  readonly key: string | undefined;
  /** The database as shown to people: the SQLite file, or the URL without its password. */
  readonly database: string | undefined;

  constructor(
    code: DatabaseAccessCode,
    detail: string,
    options: {
      readonly key?: string | undefined;
      readonly database?: string | undefined;
      readonly cause?: unknown;
    } = {},
  ) {
    const where =
      options.key === undefined
        ? ''
        : `${options.key}${options.database === undefined ? '' : ` (${options.database})`}: `;
    super(code, `${where}${detail}`, { cause: options.cause });
    this.detail = detail;
    this.key = options.key;
    this.database = options.database;
  }
}

/** An integer read from the database does not fit a JavaScript number exactly (|n| > 2^53 − 1). */
export class UnsafeIntegerError extends DbError {
  constructor(value: string, column?: string) {
    super(
      'DB_UNSAFE_INTEGER',
      `Integer ${value}${column === undefined ? '' : ` in column "${column}"`} is outside the ` +
        'range JavaScript numbers hold exactly (±2^53 − 1); ids and *_us values must fit in it.',
    );
  }
}

/** A read-only connection was given a statement that is not a plain read. */
export class ReadOnlyViolationError extends DbError {
  /** The statement's first words, as refused. */
  readonly statement: string;

  constructor(statement: string) {
    const head = statement.trim().replace(/\s+/g, ' ').slice(0, 60);
    super(
      'DB_READ_ONLY',
      `Refused on a read-only connection: "${head}". Only SELECT-like statements run here; ` +
        'writes go through the writer.',
    );
    this.statement = head;
  }
}

const SUPPORTED_FORMS =
  'Supported forms: sqlite:///relative/path.db, sqlite:////absolute/path.db, ' +
  'sqlite+aiosqlite:///…, postgresql://user:pass@host:5432/db, postgresql+asyncpg://…, postgres://….';
