import { describe, expect, it } from 'vitest';
import { configPathFromArgv, listenHost } from '../src/index.js';

describe('configPathFromArgv', () => {
  it('finds --config PATH and --config=PATH anywhere before --', () => {
    expect(configPathFromArgv(['--config', 'a.ini', 'upgrade', 'head'])).toBe('a.ini');
    expect(configPathFromArgv(['upgrade', '--config=/etc/b.ini', 'head'])).toBe('/etc/b.ini');
    expect(configPathFromArgv(['--config', 'a.ini', '--config=b.ini'])).toBe('b.ini');
    expect(configPathFromArgv(['revision', '-m', 'x', '--', '--config', 'c.ini'])).toBeUndefined();
    expect(configPathFromArgv([])).toBeUndefined();
  });

  it('rejects --config without a path', () => {
    for (const argv of [['--config'], ['--config='], ['--config', '--verbose']]) {
      expect(() => configPathFromArgv(argv)).toThrow(
        expect.objectContaining({ code: 'CONFIG_ARGUMENT_MISSING' }),
      );
    }
  });
});

describe('listenHost', () => {
  it("maps MeshView's bind = * to all interfaces and keeps addresses", () => {
    expect(listenHost('*')).toBe('::');
    expect(listenHost('')).toBe('::');
    expect(listenHost('127.0.0.1')).toBe('127.0.0.1');
    expect(listenHost('0.0.0.0')).toBe('0.0.0.0');
  });
});
