import { describe, expect, it } from 'vitest';
import { parseConnectionString } from '../src/index.js';
import { catchError } from '#test/catch-error.js';

const cwd = '/srv/meshview';

describe('parseConnectionString', () => {
  it.each([
    ['sqlite+aiosqlite:///packets.db', '/srv/meshview/packets.db'],
    ['sqlite:///x.db', '/srv/meshview/x.db'],
    ['sqlite:///data/x.db', '/srv/meshview/data/x.db'],
    ['sqlite:///../x.db', '/srv/x.db'],
    ['sqlite:////abs/x.db', '/abs/x.db'],
    ['sqlite+aiosqlite:////var/lib/meshview/packets.db', '/var/lib/meshview/packets.db'],
    ['  sqlite:///x.db  ', '/srv/meshview/x.db'],
  ])(
    'resolves %s to the file %s (SQLAlchemy: three slashes relative, four absolute)',
    (url, path) => {
      expect(parseConnectionString(url, { cwd })).toMatchObject({
        dialect: 'sqlite',
        filename: path,
      });
    },
  );

  it('resolves relative SQLite paths against process.cwd() by default', () => {
    expect(parseConnectionString('sqlite:///x.db')).toMatchObject({
      filename: `${process.cwd()}/x.db`,
    });
  });

  it.each(['sqlite://', 'sqlite:///', 'sqlite:///:memory:', 'sqlite+aiosqlite:///:memory:'])(
    'refuses the in-memory form %s: the writer and the reader would each have their own',
    (url) => {
      const error = catchError(() => parseConnectionString(url, { cwd }));
      expect(error).toMatchObject({ code: 'DB_INVALID_CONNECTION_STRING' });
      expect(error.problem).toContain('an in-memory SQLite database is not supported');
      expect(error.message).toContain('sqlite:///packets.db');
      expect(error.message).not.toContain('in memory)');
    },
  );

  it.each(['', '   '])('refuses an empty value (%j) instead of using a default file', (url) => {
    const error = catchError(() => parseConnectionString(url));
    expect(error).toMatchObject({ code: 'DB_INVALID_CONNECTION_STRING' });
    expect(error.problem).toContain('it is empty');
  });

  it('keeps SQLite query parameters without interpreting them', () => {
    expect(parseConnectionString('sqlite:///x.db?timeout=20', { cwd }).params).toEqual({
      timeout: '20',
    });
  });

  it.each([
    'postgresql+asyncpg://user:pass@host:5432/db',
    'postgresql://user:pass@host:5432/db',
    'postgres://user:pass@host:5432/db',
    'postgresql+psycopg2://user:pass@host:5432/db',
  ])('reads %s as PostgreSQL, dropping the driver', (url) => {
    expect(parseConnectionString(url)).toEqual({
      dialect: 'postgres',
      host: 'host',
      port: 5432,
      user: 'user',
      password: 'pass',
      database: 'db',
      params: {},
      display: url.replace(':pass@', ':***@'),
    });
  });

  it('percent-decodes the user, password and database name', () => {
    const target = parseConnectionString(
      'postgresql://me%40corp:p%40ss%3Aw%2Fd@db.example/mesh%20view',
    );
    expect(target).toMatchObject({ user: 'me@corp', password: 'p@ss:w/d', database: 'mesh view' });
  });

  it('keeps query parameters such as sslmode', () => {
    const target = parseConnectionString(
      'postgresql+asyncpg://u:p@host/db?sslmode=require&application_name=mesh%20view',
    );
    expect(target).toMatchObject({
      port: null,
      params: { sslmode: 'require', application_name: 'mesh view' },
    });
  });

  it('leaves absent parts null', () => {
    expect(parseConnectionString('postgres:///meshview')).toMatchObject({
      host: null,
      port: null,
      user: null,
      password: null,
      database: 'meshview',
    });
  });

  it('reads bracketed IPv6 hosts', () => {
    expect(parseConnectionString('postgres://u@[::1]:6543/db')).toMatchObject({
      host: '::1',
      port: 6543,
      user: 'u',
    });
  });

  it.each([
    ['mysql+aiomysql://user:secret@host/db', 'mysql+aiomysql://user:***@host/db'],
    ['mssql://host/db', 'mssql://host/db'],
    ['packets.db', 'packets.db'],
  ])('rejects %s, naming it and the supported forms', (url, shown) => {
    const error = catchError(() => parseConnectionString(url));
    expect(error).toMatchObject({ code: 'DB_UNSUPPORTED_CONNECTION_STRING' });
    expect(error.message).toMatch(
      new RegExp(`"${shown.replace(/[*+]/g, '\\$&')}".*sqlite:///.*postgresql\\+asyncpg://`),
    );
  });

  it.each([
    ['sqlite://host/x.db', 'no host'],
    ['sqlite:relative.db', 'not a URL'],
    ['postgresql://u:p@host:port/db', 'port'],
    ['postgresql://u:p@host:70000/db', 'port'],
    ['postgresql://u:%E0%A4%A@host/db', 'password'],
  ])('rejects the malformed %s (%s)', (url, problem) => {
    const error = catchError(() => parseConnectionString(url));
    expect(error).toMatchObject({ code: 'DB_INVALID_CONNECTION_STRING' });
    expect(error.message).toContain(problem);
  });

  it('never shows the password in an error', () => {
    const error = catchError(() => parseConnectionString('postgresql://u:s3cret@host:port/db'));
    expect(error.message).not.toContain('s3cret');
  });

  it('masks a password given as a query parameter in the display', () => {
    expect(
      parseConnectionString('postgres://u@host/db?sslmode=require&password=s3cret'),
    ).toMatchObject({
      password: null,
      params: { password: 's3cret' },
      display: 'postgres://u@host/db?sslmode=require&password=***',
    });
  });
});
