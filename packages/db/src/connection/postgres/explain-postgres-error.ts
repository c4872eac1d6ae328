import { userInfo } from 'node:os';
import { DatabaseAccessError, type DatabaseAccessCode } from '../../errors.js';
import type { PostgresTarget } from '../connection-target.js';
import type { DatabaseErrorContext } from '../explain-database-error.js';

// Node's errors when nothing answers at the address.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * A PostgreSQL or network error as a `DatabaseAccessError` naming the key, the server and the
 * role, with what to check: ECONNREFUSED and friends (is PostgreSQL running at host:port?),
 * `3D000` (create the database), `28000`/`28P01` (the role or its password), `42501` (what to
 * GRANT). Any other error is returned unchanged.
 */
export function explainPostgresError(
  error: unknown,
  context: DatabaseErrorContext<PostgresTarget>,
): unknown {
  const code = errorCode(error);
  if (code === undefined) return error;
  const { target, key } = context;
  const server = serverOf(target);
  const role = roleOf(target);
  const reason = (error as Error).message;
  const make = (accessCode: DatabaseAccessCode, detail: string): DatabaseAccessError =>
    new DatabaseAccessError(accessCode, detail, { key, database: target.display, cause: error });

  if (UNREACHABLE.has(code)) {
    return make(
      'DB_UNREACHABLE',
      `cannot connect to PostgreSQL at ${server} (${reason}). Is PostgreSQL running at ` +
        `${server}, and does it accept TCP connections there (listen_addresses, port, a ` +
        `firewall)? Check the host and port in ${key}.`,
    );
  }
  if (code === '3D000') {
    const database = target.database ?? process.env.PGDATABASE ?? role;
    return make(
      'DB_NO_SUCH_DATABASE',
      `PostgreSQL at ${server} has no database "${database}" (${reason}). Create it ` +
        `(CREATE DATABASE "${database}" OWNER "${role}"; or createdb), or fix the database ` +
        `name in ${key}.`,
    );
  }
  if (code === '28000' || code === '28P01') {
    return make(
      'DB_AUTH_FAILED',
      `PostgreSQL at ${server} refused role "${role}" (${reason}). Check the user name and ` +
        `password in ${key}, that the role exists and may log in (CREATE ROLE "${role}" LOGIN ` +
        `PASSWORD '…'), and the server's pg_hba.conf.`,
    );
  }
  if (code === '42501') {
    return make('DB_PERMISSION_DENIED', permissionAdvice(reason, role, target, context.readOnly));
  }
  return error;
}

/** What to GRANT, from PostgreSQL's "permission denied for <kind> <name>". */
function permissionAdvice(
  reason: string,
  role: string,
  target: PostgresTarget,
  readOnly: boolean,
): string {
  const [, kind, name] = /permission denied for (\w+) "?([^"\s]+)"?/.exec(reason) ?? [];
  const head = `PostgreSQL role "${role}" may not ${readOnly ? 'read' : 'change'} the database (${reason}).`;
  if (kind === 'database') {
    return `${head} Grant it, as the database's owner: GRANT CONNECT ON DATABASE "${name ?? target.database}" TO "${role}";`;
  }
  if (readOnly) {
    const schema = kind === 'schema' && name !== undefined ? name : 'public';
    return (
      `${head} Grant it read access, as the tables' owner: GRANT USAGE ON SCHEMA ${schema} TO ` +
      `"${role}"; GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO "${role}"; and for the ` +
      `tables later migrations create: ALTER DEFAULT PRIVILEGES FOR ROLE <the writer's role> IN SCHEMA ` +
      `${schema} GRANT SELECT ON TABLES TO "${role}"; (docs/API.md).`
    );
  }
  if (kind === 'schema') {
    return (
      `${head} The writer creates and changes tables: GRANT USAGE, CREATE ON SCHEMA ${name} TO ` +
      `"${role}"; or make the role the database's owner.`
    );
  }
  return (
    `${head} The writer changes tables it must own: connect as the tables' owner, or make ` +
    `"${role}" their owner (ALTER TABLE … OWNER TO "${role}").`
  );
}

/** The error's code: PostgreSQL's SQLSTATE or Node's network code (also inside an AggregateError). */
function errorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(errors)) return errorCode(errors[0]);
  return undefined;
}

/** `host:port` as pg resolves it (its defaults: PGHOST, PGPORT, localhost, 5432). */
function serverOf(target: PostgresTarget): string {
  const host = target.host ?? process.env.PGHOST ?? 'localhost';
  const port = target.port ?? process.env.PGPORT ?? 5432;
  return host.startsWith('/') ? `the socket in ${host} (port ${port})` : `${host}:${port}`;
}

/** The role pg logs in as (its defaults: PGUSER, then the operating system's user). */
function roleOf(target: PostgresTarget): string {
  if (target.user !== null) return target.user;
  if (process.env.PGUSER) return process.env.PGUSER;
  try {
    return userInfo().username;
  } catch {
    return 'the default role';
  }
}
