import { describe, expect, it } from 'vitest';
import { listenFailureCause } from '../src/index.js';

const failure = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`listen ${code}`), { code });

describe('listenFailureCause', () => {
  it.each([
    ['EADDRINUSE', 'port'],
    ['EACCES', 'port'],
    ['EADDRNOTAVAIL', 'bind'],
    ['EAFNOSUPPORT', 'bind'],
    ['ENOTFOUND', 'bind'],
    ['EAI_AGAIN', 'bind'],
    ['EAI_NONAME', 'bind'],
  ])('puts %s on the %s key, with a reason in words', (code, key) => {
    const cause = listenFailureCause(failure(code));
    expect(cause).toMatchObject({ code, key });
    expect(cause?.reason).toMatch(/^[a-z]/);
  });

  it('is about neither key for any other error', () => {
    expect(listenFailureCause(failure('EMFILE'))).toBeUndefined();
    expect(listenFailureCause(new Error('no code'))).toBeUndefined();
    expect(listenFailureCause(undefined)).toBeUndefined();
  });
});
