import { isAbsolute, resolve } from 'node:path';
import { InvalidConnectionStringError, UnsupportedConnectionStringError } from '../errors.js';
import type { ConnectionTarget, PostgresTarget, SqliteTarget } from './connection-target.js';
import { redactConnectionString as redact } from './redact-connection-string.js';

/** Options of `parseConnectionString`. */
export interface ParseConnectionStringOptions {
  /** What relative SQLite paths are relative to; defaults to `process.cwd()`. */
  readonly cwd?: string;
}

// SQLAlchemy 1.4's URL pattern (`sqlalchemy.engine.url._parse_rfc1738_args`).
const URL_PATTERN =
  /^(?<scheme>[\w+]+):\/\/(?:(?<user>[^:/]*)(?::(?<password>[^@]*))?@)?(?:(?:\[(?<ipv6>[^/?]+)\]|(?<host>[^/:?]+))?(?::(?<port>[^/?]*))?)?(?:\/(?<database>[^?]*))?(?:\?(?<query>.*))?$/s;

/**
 * Reads a `connection_string` the way SQLAlchemy does: `sqlite[+driver]:///relative.db` (relative
 * to `cwd`), `sqlite:////absolute.db`, and `postgresql[+driver]://user:pass@host:port/db?params`
 * or `postgres://…`. The user and password are percent-decoded. Pure: touches neither the file
 * system nor the network. The one rule for what a connection string may be: the config layer
 * validates `[database]` keys with it too.
 *
 * Refused with `InvalidConnectionStringError`: an empty value, and SQLAlchemy's in-memory SQLite
 * forms (`sqlite://`, `sqlite:///`, `sqlite:///:memory:`), because the writer and the reader are
 * separate processes and each would see an empty database of its own.
 *
 * @example parseConnectionString('sqlite+aiosqlite:///packets.db', { cwd: '/srv/meshview' })
 * // { dialect: 'sqlite', filename: '/srv/meshview/packets.db', … }
 */
export function parseConnectionString(
  value: string,
  options: ParseConnectionStringOptions = {},
): ConnectionTarget {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new InvalidConnectionStringError('', 'it is empty; give the database to use');
  }
  const match = URL_PATTERN.exec(trimmed);
  const scheme = /^([\w+]+):/.exec(trimmed)?.[1];
  const backend = scheme?.split('+')[0]?.toLowerCase();
  if (backend !== 'sqlite' && backend !== 'postgresql' && backend !== 'postgres') {
    throw new UnsupportedConnectionStringError(redact(trimmed));
  }
  if (match?.groups === undefined) {
    throw new InvalidConnectionStringError(
      redact(trimmed),
      'it is not a URL of the form scheme://…',
    );
  }
  const parts = match.groups as UrlParts;
  return backend === 'sqlite'
    ? sqliteTarget(trimmed, parts, options.cwd ?? process.cwd())
    : postgresTarget(trimmed, parts);
}

interface UrlParts {
  readonly user?: string;
  readonly password?: string;
  readonly ipv6?: string;
  readonly host?: string;
  readonly port?: string;
  readonly database?: string;
  readonly query?: string;
}

function sqliteTarget(value: string, parts: UrlParts, cwd: string): SqliteTarget {
  if (parts.user !== undefined || parts.host !== undefined || parts.ipv6 !== undefined) {
    throw new InvalidConnectionStringError(
      redact(value),
      'a SQLite URL has no host; write three slashes before a relative path, four before an absolute one',
    );
  }
  const params = parseQuery(parts.query);
  const path = parts.database ?? '';
  if (path === '' || path === ':memory:') {
    throw new InvalidConnectionStringError(
      redact(value),
      'an in-memory SQLite database is not supported: the writer and the reader are separate ' +
        'processes, and each would see an empty database of its own; give a file, e.g. ' +
        'sqlite:///packets.db',
    );
  }
  const filename = isAbsolute(path) ? path : resolve(cwd, path);
  return { dialect: 'sqlite', filename, params, display: filename };
}

function postgresTarget(value: string, parts: UrlParts): PostgresTarget {
  const decode = (text: string | undefined, what: string): string | null => {
    if (text === undefined || text === '') return null;
    try {
      return decodeURIComponent(text);
    } catch (cause) {
      throw new InvalidConnectionStringError(
        redact(value),
        `the ${what} is badly percent-encoded`,
        {
          cause,
        },
      );
    }
  };
  let port: number | null = null;
  if (parts.port !== undefined && parts.port !== '') {
    port = /^\d+$/.test(parts.port) ? Number(parts.port) : NaN;
    if (!(port > 0 && port < 65536)) {
      throw new InvalidConnectionStringError(
        redact(value),
        `port "${parts.port}" is not a valid port number`,
      );
    }
  }
  const target = {
    dialect: 'postgres' as const,
    host: parts.ipv6 ?? parts.host ?? null,
    port,
    user: decode(parts.user, 'user name'),
    password: decode(parts.password, 'password'),
    database: decode(parts.database, 'database name'),
    params: parseQuery(parts.query),
  };
  return { ...target, display: redact(value) };
}

function parseQuery(query: string | undefined): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries(new URLSearchParams(query ?? '')));
}
