import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { repoRoot } from '#test/tmp.js';

// The child: opens the file with better-sqlite3 (waiting for the writer's current transaction),
// takes `BEGIN EXCLUSIVE`, says so, holds it for the time given, then commits and says so.
const HOLDER = `
const Database = require('better-sqlite3');
const [file, holdMs] = process.argv.slice(1);
const db = new Database(file, { timeout: 60000 });
db.exec('BEGIN EXCLUSIVE');
console.log('locked ' + Date.now());
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
  console.log('released ' + Date.now());
}, Number(holdMs));
`;

/**
 * Another process (a child node, not the test's) that holds a SQLite file's write lock with
 * `BEGIN EXCLUSIVE` for `holdMs`, then releases it and exits.
 */
export class SqliteLockHolder {
  readonly child: ChildProcess;
  /** When the lock was taken and released (ms since the epoch), once they were. */
  lockedAt: number | undefined;
  releasedAt: number | undefined;
  #output = '';

  constructor(file: string, holdMs: number) {
    this.child = spawn(process.execPath, ['-e', HOLDER, file, String(holdMs)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.#output += chunk;
      const locked = /locked (\d+)/.exec(this.#output);
      const released = /released (\d+)/.exec(this.#output);
      if (locked) this.lockedAt = Number(locked[1]);
      if (released) this.releasedAt = Number(released[1]);
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.#output += chunk));
  }

  /** Resolves once the child exited, having released the lock; rejects if it failed. */
  async done(): Promise<void> {
    const [code] = (await (this.child.exitCode === null
      ? once(this.child, 'exit')
      : [this.child.exitCode])) as [number | null];
    if (code !== 0 || this.releasedAt === undefined)
      throw new Error(`the lock holder failed (exit ${code}):\n${this.#output}`);
  }

  /** Kills the child (the lock goes with it), for clean-up after a failure. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
