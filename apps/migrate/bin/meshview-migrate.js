#!/usr/bin/env node
// The operator's migration CLI: one bundled file (scripts/bundle-cli.js), made by `npm install`
// or `npm run build`. In a checkout (where the sources are), a bundle older than the compiled
// code it was made from (a bare `tsc -b` since) would run yesterday's code: it is refused, with
// the fix. An installed image has no sources and no build step to miss.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const bundle = new URL('meshview-migrate.js', dist);
if (!existsSync(bundle)) fail('meshview-migrate is not built yet');
if (existsSync(new URL('../src/', import.meta.url))) {
  const built = statSync(bundle).mtimeMs;
  // The build records (tsconfig.tsbuildinfo) of the projects the bundle was made from.
  const records = JSON.parse(readFileSync(new URL('meshview-migrate.inputs.json', dist), 'utf8'));
  for (const record of records) {
    const file = new URL(record, dist);
    if (!existsSync(file) || statSync(file).mtimeMs > built) {
      const project = fileURLToPath(new URL('.', file)).replace(/\/(dist\/)?$/, '');
      fail(`meshview-migrate's bundle is older than the compiled code of ${project}`);
    }
  }
}
await import(bundle.href);

function fail(what) {
  console.error(`${what}: run \`npm run build\` (or \`npm install\`) first`);
  process.exit(1);
}
