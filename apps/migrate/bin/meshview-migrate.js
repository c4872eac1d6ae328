#!/usr/bin/env node
// The operator's migration CLI: one bundled file (scripts/bundle-cli.js), made by `npm install`
// or `npm run build`. In a checkout (where the sources are), a bundle older than the compiled
// code it was made from (a bare `tsc -b` since) would run yesterday's code: it is refused, with
// the fix. An installed image has no sources and no build step to miss.
//
// The bundle is compiled with V8's code cache, meshview-migrate.cache beside it (the build makes
// one): compiling the bundle from source was a fifth of each run. When there is none, or V8
// refuses it (another Node version, other V8 flags), this run writes a new one on exit if it can;
// a read-only install just runs without.
//
// This file is CommonJS (bin/package.json): as an ES module, its imports of Node's modules each
// built an ES module facade, and node:fs's loaded Node's streams for it.
'use strict';
const {
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'meshview-migrate.js');
if (!existsSync(bundle)) fail('meshview-migrate is not built yet');
if (existsSync(join(__dirname, '..', 'src'))) {
  const built = statSync(bundle).mtimeMs;
  // The build records (tsconfig.tsbuildinfo) of the projects the bundle was made from.
  const records = JSON.parse(readFileSync(join(dist, 'meshview-migrate.inputs.json'), 'utf8'));
  for (const record of records) {
    const file = join(dist, record);
    if (!existsSync(file) || statSync(file).mtimeMs > built) {
      const project = dirname(file).replace(/\/dist$/, '');
      fail(`meshview-migrate's bundle is older than the compiled code of ${project}`);
    }
  }
}

const source = readFileSync(bundle, 'utf8');
// The bundle's first line, `// <hash of the rest>`, also begins the cache made for it: V8 checks
// only that a cache was made for a source of the same length.
const stamp = Buffer.from(source.slice(0, source.indexOf('\n') + 1), 'latin1');
const cacheFile = join(dist, 'meshview-migrate.cache');
let cachedData;
try {
  const cache = readFileSync(cacheFile);
  if (stamp.length > 1 && stamp.equals(cache.subarray(0, stamp.length))) {
    cachedData = cache.subarray(stamp.length);
  }
} catch {
  // No cache yet: this run writes one.
}
// V8 gives a cache a checksum, and checks it, only under --verify-snapshot-checksum: without it,
// a cache whose bytes changed (but not its length) crashed the process. Only for this cache: the
// caches built into Node have none, and Node's modules compiled from source under it.
const { setFlagsFromString } = require('node:v8');
setFlagsFromString('--verify-snapshot-checksum');
const script = new Script(source, { filename: bundle, cachedData });
setFlagsFromString('--no-verify-snapshot-checksum');
if (cachedData === undefined || script.cachedDataRejected) {
  // On exit, so that the cache holds the functions the run compiled, not only the top level.
  process.once('exit', () => {
    const temporary = `${cacheFile}.${process.pid}`;
    setFlagsFromString('--verify-snapshot-checksum');
    try {
      writeFileSync(temporary, Buffer.concat([stamp, script.createCachedData()]));
    } catch {
      return; // A read-only install: the next run compiles from source again.
    }
    try {
      // Renamed into place, so that a run at the same time reads a whole cache or none.
      renameSync(temporary, cacheFile);
    } catch {
      rmSync(temporary, { force: true });
    }
  });
}
const bundleRequire = require('node:module').createRequire(bundle);
const bundleModule = { exports: {} };
script.runInThisContext()(
  bundleRequire,
  bundleModule,
  bundleModule.exports,
  bundle,
  dist,
  // The bundle's import.meta: its code reads only `url` (the build checks).
  { url: pathToFileURL(bundle).href },
  // The bundle's import(), which code compiled by vm.Script cannot call itself. The bundle
  // imports file URLs and package names, which resolve from this folder as from its own.
  (specifier) => import(specifier),
);

function fail(what) {
  console.error(`${what}: run \`npm run build\` (or \`npm install\`) first`);
  process.exit(1);
}
