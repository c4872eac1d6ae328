#!/usr/bin/env node
// Bundles the migration CLI (apps/migrate/dist, compiled by `tsc -b`) into one file,
// apps/migrate/dist/meshview-migrate.js, which bin/meshview-migrate.js runs. Operators run the CLI
// by hand and in scripts: loaded as separate modules, Kysely alone is a few hundred files and
// costs every verb about a quarter of a second; one file loads in a fraction of that. The
// drivers stay outside (better-sqlite3 is native; pg loads only for a PostgreSQL database), and
// so do the migration scripts, which the engine imports from migrations/dist at run time.
//
// Next to the bundle it writes meshview-migrate.inputs.json, the build records of the projects it
// was made from: the bin refuses a bundle older than any of them (`tsc -b` without this step).
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'apps', 'migrate', 'dist');
const outfile = join(dist, 'meshview-migrate.js');

const result = await build({
  entryPoints: [join(dist, 'main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pg', 'pg-native'],
  // CommonJS dependencies bundled into an ES module still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: root,
});

// The build records (tsconfig.tsbuildinfo, which `tsc -b` rewrites only when it emits) of the
// projects the bundle was made from: a few files for the bin to look at, not every input.
const records = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const file = join(root, input);
  if (relative(root, file).split(/[\\/]/).includes('node_modules')) continue;
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`no package.json above ${input}`);
    dir = dirname(dir);
  }
  const record = [
    join(dir, 'tsconfig.tsbuildinfo'),
    join(dir, 'dist', 'tsconfig.tsbuildinfo'),
  ].find((candidate) => existsSync(candidate));
  if (!record) throw new Error(`no tsconfig.tsbuildinfo for ${dir}: run tsc -b first`);
  records.add(relative(dist, record));
}
writeFileSync(
  join(dist, 'meshview-migrate.inputs.json'),
  `${JSON.stringify([...records].sort(), null, 1)}\n`,
);
