#!/usr/bin/env node
// Bundles the migration CLI (apps/migrate/dist, compiled by `tsc -b`) into one file,
// apps/migrate/dist/meshview-migrate.js, which bin/meshview-migrate.js runs. Operators run the CLI
// by hand and in scripts: loaded as separate modules, Kysely alone is a few hundred files and
// costs every verb about a quarter of a second; one file loads in a fraction of that. pg stays
// outside (it loads only for a PostgreSQL database), and so do better-sqlite3's native addon and
// the migration scripts, which the engine imports from migrations/dist at run time.
//
// The bundle is a function expression, not a module: the bin compiles it with vm.Script so that
// it can hand V8 a code cache, meshview-migrate.cache, which this build makes by running the CLI
// once (compiling the bundle from source was a fifth of each run's time). Code compiled by
// vm.Script cannot call import() (Node 20 allows it there only behind --experimental-vm-modules):
// an import() of a computed specifier is rewritten to call `__import`, which the bin passes in,
// esbuild turns an import() of a named package into a require(), and the build fails if an
// import() is left. `import.meta` becomes `__importMeta`, passed in with its `url` (the build
// fails if the code reads more of it). The bundle's first line names its content's hash; the
// cache starts with the same line, so the bin never applies a cache to another build of the
// bundle (V8 itself checks only the source's length).
//
// Next to the bundle it writes meshview-migrate.inputs.json, the build records of the projects it
// was made from: the bin refuses a bundle older than any of them (`tsc -b` without this step).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'apps', 'migrate', 'dist');
const outfile = join(dist, 'meshview-migrate.js');
const cacheFile = join(dist, 'meshview-migrate.cache');
const bin = join(root, 'apps', 'migrate', 'bin', 'meshview-migrate.js');

/**
 * Rewrites each `import(…)` of a computed specifier (a migration script's URL, Prettier's name) in
 * the bundled files to `__import(…)`. The calls are found by TypeScript's parser, so that text that
 * only looks like one (in a string or a comment) is left as it is. An import of a package named in
 * the code is left to esbuild, which bundles it (better-sqlite3's JavaScript, evaluated on first
 * use) or, for an external one (pg), turns it into a require().
 */
const injectDynamicImport = {
  name: 'inject-dynamic-import',
  setup(builder) {
    builder.onLoad({ filter: /\.[cm]?js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import(')) return undefined;
      const file = ts.createSourceFile(args.path, text, ts.ScriptTarget.Latest, false);
      const starts = [];
      const visit = (node) => {
        if (
          ts.isCallExpression(node) &&
          node.expression.kind === ts.SyntaxKind.ImportKeyword &&
          !ts.isStringLiteralLike(node.arguments[0])
        ) {
          starts.push(node.expression.getStart(file));
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      let contents = text;
      for (const start of starts.sort((a, b) => b - a)) {
        contents = `${contents.slice(0, start)}__import${contents.slice(start + 'import'.length)}`;
      }
      return { contents, loader: 'js' };
    });
  },
};

/**
 * better-sqlite3 finds its native addon with the `bindings` package when it is not told where the
 * addon is (packages/db's sqliteAddon tells it, where npm builds it), and `bindings` looks in the
 * package of the file that called it: in the bundle, apps/migrate. Here it is told to look in
 * better-sqlite3's folder.
 */
const bindingsFromBetterSqlite3 = {
  name: 'bindings-from-better-sqlite3',
  setup(builder) {
    builder.onResolve({ filter: /^bindings$/ }, (args) =>
      /[\\/]node_modules[\\/]better-sqlite3[\\/]/.test(args.importer)
        ? { path: 'bindings', namespace: 'bindings-from-better-sqlite3' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'bindings-from-better-sqlite3' }, () => ({
      contents:
        "const bindings = require('bindings');\n" +
        "const { dirname } = require('node:path');\n" +
        'module.exports = (name) =>\n' +
        "  bindings({ bindings: name, module_root: dirname(require.resolve('better-sqlite3/package.json')) });\n",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const result = await build({
  entryPoints: [join(dist, 'main.js')],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // import() of a named package becomes a require(): bundled, or external.
  supported: { 'dynamic-import': false },
  external: ['pg', 'pg-native', 'better-sqlite3/package.json'],
  define: { 'import.meta': '__importMeta' },
  plugins: [injectDynamicImport, bindingsFromBetterSqlite3],
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: root,
});

const code = result.outputFiles[0].text;
const left = code.match(/\bimport\s*\(/);
if (left) {
  const at = left.index;
  throw new Error(
    `the bundle still calls import() (which code compiled by vm.Script cannot): …${code.slice(at - 80, at + 40)}…`,
  );
}
if (/\bimport\.meta\b/.test(code)) throw new Error('the bundle still uses import.meta');
// The bin's import.meta for the bundle has only `url`.
if (/\b__importMeta\b(?!\.url\b)/.test(code)) {
  throw new Error('the bundle uses import.meta for more than its url');
}
// What the bin runs: a function expression, which it calls with what a CommonJS module gets and
// with `__importMeta` and `__import`.
const body = `(function (require, module, exports, __filename, __dirname, __importMeta, __import) {\n${code}})\n`;
const hash = createHash('sha256').update(body).digest('hex');
writeFileSync(outfile, `// ${hash}\n${body}`);

// The build records (tsconfig.tsbuildinfo, which `tsc -b` rewrites only when it emits) of the
// projects the bundle was made from: a few files for the bin to look at, not every input.
const records = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  // A plugin's module (`namespace:name`) is made here, from no file.
  if (/^[\w-]+:/.test(input)) continue;
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

// The code cache: the bin writes one when it finds none, after the verb ran, so that it holds
// the functions the run compiled, not only the top level. `upgrade head` on a scratch database
// runs most of what the everyday verbs run (and checks the bundle works). Without NODE_OPTIONS:
// V8 refuses a cache made under other flags, and the CLI runs without them.
rmSync(cacheFile, { force: true });
const scratch = mkdtempSync(join(tmpdir(), 'meshview-migrate-cache-'));
try {
  const config = join(scratch, 'config.ini');
  writeFileSync(config, `[database]\nconnection_string = sqlite:///${join(scratch, 'x.db')}\n`);
  const { NODE_OPTIONS: _, ...env } = process.env;
  const run = spawnSync(process.execPath, [bin, '--config', config, 'upgrade', 'head'], {
    encoding: 'utf8',
    env,
  });
  if (run.status !== 0) {
    throw new Error(`meshview-migrate upgrade head failed on a scratch database:\n${run.stderr}`);
  }
  if (!existsSync(cacheFile)) throw new Error(`the bin did not write ${cacheFile}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
