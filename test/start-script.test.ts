/**
 * `npm start` (scripts/start.js): the writer and the reader as two processes, each run with
 * V8's background threads fitted to the machine unless the operator chose a pool size.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAppConfig } from '#test/processes.js';
import { makeTempDir, repoRoot } from '#test/tmp.js';

/** The command lines of `pid`'s child processes, as arrays of arguments. */
function childCommandLines(pid: number): string[][] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  return children
    .filter((child) => child !== '')
    .map((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter(Boolean));
}

/**
 * Runs scripts/start.js on a fresh SQLite database (the writer's embedded broker on a free port)
 * with `env` added, until the reader listens; the command lines of the processes it started.
 */
async function startedCommandLines(env: NodeJS.ProcessEnv): Promise<string[][]> {
  const dir = makeTempDir('start-script-');
  const config = writeAppConfig(dir, {
    connectionString: `sqlite:///${join(dir, 'meshview.db')}`,
    logLevel: 'info',
  });
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.js'), '--config', config], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the reader did not listen within 60 s:\n${output}`)),
        60_000,
      );
      const look = (chunk: Buffer) => {
        output += String(chunk);
        if (output.includes('reader listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(
          new Error(`scripts/start.js exited (${code}) before the reader listened:\n${output}`),
        );
      });
    });
    return childCommandLines(child.pid!);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

describe('scripts/start.js', () => {
  it("runs the writer and the reader with V8's pool fitted to the machine (--v8-pool-size=0)", async () => {
    const lines = await startedCommandLines({ NODE_OPTIONS: '' });
    expect(lines.map((line) => line.find((arg) => arg.includes('apps/')))).toEqual([
      join(repoRoot, 'apps', 'writer'),
      join(repoRoot, 'apps', 'reader'),
    ]);
    for (const line of lines) expect(line.slice(1, 2)).toEqual(['--v8-pool-size=0']);
  });

  it('leaves the pool size to NODE_OPTIONS when it sets one', async () => {
    const lines = await startedCommandLines({ NODE_OPTIONS: '--v8-pool-size=2' });
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.join(' ')).not.toContain('--v8-pool-size');
  });
});
