import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatLogEntry } from '../src/human-logger.js';

describe('formatLogEntry', () => {
  it('writes the level as a person reads it and the message', () => {
    expect(formatLogEntry('warn', 'stale flag cleared')).toBe('warning: stale flag cleared');
    expect(formatLogEntry('info', 'database at base')).toBe('info: database at base');
  });

  it("adds an attached error's code and message", () => {
    const err = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(formatLogEntry('error', 'could not clear the migration flag', err)).toBe(
      'error: could not clear the migration flag: [SQLITE_BUSY] database is locked',
    );
    expect(formatLogEntry('error', 'failed', { message: 'no code' })).toBe(
      'error: failed: no code',
    );
  });

  it('indents the continuation lines of a message of several lines', () => {
    expect(formatLogEntry('info', 'upgrade abc: first\nsecond\r\nthird')).toBe(
      'info: upgrade abc: first\n  second\n  third',
    );
  });
});

describe('createHumanLogger', () => {
  /** What a logger at `level` writes to stderr for one entry of each level. */
  function logAt(level: string): string {
    const script =
      "import { createHumanLogger } from './packages/log/dist/index.js';" +
      `const log = createHumanLogger({ level: '${level}', fd: 2 });` +
      "for (const name of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) log[name]({}, name);";
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(run.stdout).toBe('');
    return run.stderr;
  }

  it('writes the entries at and above its level to the chosen stream, and none when silent', () => {
    expect(logAt('warn')).toBe('warning: warn\nerror: error\nfatal: fatal\n');
    expect(logAt('trace').split('\n')).toHaveLength(7);
    expect(logAt('silent')).toBe('');
  });
});
