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

function start(name) {
  const child = spawn(process.execPath, [join(root, 'apps', name), ...args], { stdio: 'inherit' });
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
