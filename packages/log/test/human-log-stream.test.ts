import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../src/human-log-stream.js';

describe('formatLogLine', () => {
  it('writes a pino line as the level and the message, leaving the fields out', () => {
    expect(
      formatLogLine(
        '{"level":40,"time":1,"pid":2,"name":"migrate","from":["a"],"msg":"stale flag cleared"}\n',
      ),
    ).toBe('warning: stale flag cleared');
    expect(formatLogLine('{"level":30,"msg":"database at base"}')).toBe('info: database at base');
  });

  it("adds an attached error's code and message", () => {
    const line = JSON.stringify({
      level: 50,
      msg: 'could not clear the migration flag',
      err: { type: 'SqliteError', message: 'database is locked', code: 'SQLITE_BUSY', stack: '…' },
    });
    expect(formatLogLine(line)).toBe(
      'error: could not clear the migration flag: [SQLITE_BUSY] database is locked',
    );
  });

  it('indents the continuation lines of a message of several lines', () => {
    expect(formatLogLine('{"level":30,"msg":"upgrade abc: first\\nsecond\\r\\nthird"}')).toBe(
      'info: upgrade abc: first\n  second\n  third',
    );
  });

  it('passes a line that is not JSON through as it is', () => {
    expect(formatLogLine('not json\n')).toBe('not json');
  });
});
