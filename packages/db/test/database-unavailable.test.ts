import { describe, expect, it } from 'vitest';
import { databaseUnavailableReason } from '../src/index.js';

const error = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('databaseUnavailableReason', () => {
  it('names the passing states of SQLite and PostgreSQL, and what to do about a full disk', () => {
    expect(databaseUnavailableReason(error('SQLITE_BUSY'))).toMatch(/locked by another connection/);
    expect(databaseUnavailableReason(error('SQLITE_FULL'))).toMatch(/SQLITE_FULL.*free space/);
    expect(databaseUnavailableReason(error('57P01', 'terminating connection'))).toMatch(
      /PostgreSQL ended this connection/,
    );
    expect(databaseUnavailableReason(error('57P03'))).toMatch(/starting up or shutting down/);
    expect(databaseUnavailableReason(error('ECONNREFUSED'))).toMatch(/cannot be reached/);
    expect(databaseUnavailableReason(new Error('Connection terminated unexpectedly'))).toMatch(
      /connection to PostgreSQL was lost/,
    );
  });

  it('leaves the statement’s own faults and everything else alone', () => {
    expect(databaseUnavailableReason(error('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBeUndefined();
    expect(databaseUnavailableReason(error('23505'))).toBeUndefined();
    expect(
      databaseUnavailableReason(error('ENOENT', "ENOENT: no such file, open 'x'")),
    ).toBeUndefined();
    expect(databaseUnavailableReason(new TypeError('x is undefined'))).toBeUndefined();
    expect(databaseUnavailableReason(undefined)).toBeUndefined();
  });
});
