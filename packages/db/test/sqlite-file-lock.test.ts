import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { probeSqliteFileLock, SqliteFileLock } from '../src/index.js';
import { IN_OTHER_NAMESPACES, namespacesSkipReason } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';

const dir = makeTempDir('meshview-file-lock');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/**
 * Another process that takes the lock the way SqliteFileLock does and says "held" on stdout,
 * optionally inside its own pid and host namespace (where it is pid 1 on another host name).
 */
async function holdInChild(path: string, namespaced = false): Promise<ChildProcess> {
  const script =
    `const D = require(${JSON.stringify(driverPath)});` +
    `const db = new D(${JSON.stringify(path)}, { timeout: 0 });` +
    `db.pragma('journal_mode = MEMORY'); db.exec('BEGIN EXCLUSIVE');` +
    `console.log('held ' + process.pid + ' ' + require('node:os').hostname());` +
    'setInterval(() => {}, 1000);';
  const command = [...(namespaced ? IN_OTHER_NAMESPACES : []), process.execPath, '-e', script];
  const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  expect(chunk.toString()).toMatch(/^held /);
  if (namespaced) expect(chunk.toString().trim()).toBe('held 1 other-ns');
  return child;
}

describe('SqliteFileLock', () => {
  it('is free with no file, held by its holder, and free again once released', async () => {
    const path = join(dir, 'one.lock');
    expect(await probeSqliteFileLock(path)).toBe('free');
    const lock = await SqliteFileLock.tryAcquire(path);
    expect(lock?.held).toBe(true);
    expect(await probeSqliteFileLock(path)).toBe('held');
    expect(await SqliteFileLock.tryAcquire(path)).toBeUndefined();
    lock!.release();
    lock!.release();
    expect(lock!.held).toBe(false);
    expect(await probeSqliteFileLock(path)).toBe('free');
    // The file stays (removing it could let two holders lock two files); no journal beside it.
    expect(readdirSync(dir).filter((f) => f.startsWith('one.lock'))).toEqual(['one.lock']);
  });

  it('is seen held by another process and freed by the kernel when that process is killed', async () => {
    const path = join(dir, 'killed.lock');
    const holder = await holdInChild(path);
    expect(await probeSqliteFileLock(path)).toBe('held');
    expect(await SqliteFileLock.tryAcquire(path)).toBeUndefined();
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(await probeSqliteFileLock(path)).toBe('free');
    const lock = await SqliteFileLock.tryAcquire(path);
    expect(lock?.held).toBe(true);
    lock!.release();
  });

  it.skipIf(namespacesSkipReason)(
    `works across pid and host namespaces (a holder that is pid 1 elsewhere)${namespacesSkipReason ? ` (${namespacesSkipReason})` : ''}`,
    async () => {
      const path = join(dir, 'namespaced.lock');
      const holder = await holdInChild(path, true);
      expect(await probeSqliteFileLock(path)).toBe('held');
      // SIGKILL to unshare; --kill-child passes it on to the holder, pid 1 of its namespace.
      holder.kill('SIGKILL');
      await once(holder, 'exit');
      const deadline = Date.now() + 10_000;
      while ((await probeSqliteFileLock(path)) === 'held' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await probeSqliteFileLock(path)).toBe('free');
    },
  );

  it('throws, rather than guessing, when the file cannot be opened', async () => {
    const path = join(dir, 'no-such-folder', 'x.lock');
    await expect(SqliteFileLock.tryAcquire(path)).rejects.toThrow(/directory does not exist/);
    expect(existsSync(path)).toBe(false);
  });
});
