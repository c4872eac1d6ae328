#!/usr/bin/env node
// `npm run migration:create -- -m "message"`: the original design's helper script. Builds a
// scratch SQLite database at the scripts' head, then runs `meshview-migrate revision
// --autogenerate` against it, so the new script holds exactly what the models changed since the
// last revision (no database of yours is needed or touched). `--migrations DIR` picks another
// scripts folder; every other argument goes to `revision`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'apps', 'migrate', 'bin', 'meshview-migrate.js');
const args = process.argv.slice(2);
const global = [];
const at = args.indexOf('--migrations');
if (at >= 0) global.push(...args.splice(at, 2));

const dir = mkdtempSync(join(tmpdir(), 'meshview-migration-'));
const config = join(dir, 'config.ini');
writeFileSync(
  config,
  `[database]\nconnection_string = sqlite:///${join(dir, 'scratch.db')}\n\n[logging]\nlevel = warn\n`,
);
const run = (verbArgs) =>
  spawnSync(process.execPath, [bin, '--config', config, ...global, ...verbArgs], {
    stdio: ['ignore', verbArgs[0] === 'upgrade' ? 'ignore' : 'inherit', 'inherit'],
  }).status ?? 1;

let code = run(['upgrade', 'head']);
if (code === 0) code = run(['revision', '--autogenerate', ...args]);
rmSync(dir, { recursive: true, force: true });
process.exit(code);
