#!/usr/bin/env node
// `npm start`: the writer, then the reader, as two processes over one database, with their logs
// on this terminal. Arguments (e.g. `npm start -- --config my.ini`) go to both. When one of them
// exits, the other is stopped, and this exits with the first one's code.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const children = new Map();
let exitCode;

// V8's background threads (its garbage collector's helpers) fitted to the machine: with
// `--v8-pool-size=0` Node makes one fewer than the CPUs it may use (at least one) instead of its
// fixed 4. On two cores, 4 helpers beside the reader's two threads, the writer and the database
// made the reader's slowest answers about twice as slow (docs/PERFORMANCE.md). A pool size given
// in NODE_OPTIONS, which the apps inherit, wins.
const poolSize = (process.env.NODE_OPTIONS ?? '')
  .split(/\s+/)
  .some((option) => option.startsWith('--v8-pool-size'))
  ? []
  : ['--v8-pool-size=0'];

function start(name) {
  const child = spawn(process.execPath, [...poolSize, join(root, 'apps', name), ...args], {
    stdio: 'inherit',
  });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (exitCode === undefined) {
      exitCode = code ?? (signal ? 1 : 0);
      if (code !== 0)
        console.error(`${name} exited (${signal ?? `code ${code}`}); stopping the rest`);
      stopAll('SIGTERM');
    }
    if (children.size === 0) process.exit(exitCode);
  });
}

function stopAll(signal) {
  for (const child of children.values()) child.kill(signal);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    exitCode ??= 0;
    stopAll(signal);
  });
}

// The writer first: it migrates; the reader waits until the schema is current.
start('writer');
start('reader');
