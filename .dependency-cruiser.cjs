// The import directions of ARCHITECTURE.md ("Layout" and the paragraph after it), checked by
// dependency-cruiser: `npm run lint:deps`. test/architecture-rules.test.ts shows that each rule
// fails on the kind of import it forbids.
//
// Paths are the files the imports resolve to, relative to the repository root. Our workspace
// names (`@meshview/db`, `@meshview/db/connection`, …) resolve like Node and TypeScript resolve
// them: through node_modules' workspace links and the packages' `exports`, to the `dist/` files
// the build writes. So `npm run build` comes first (CI builds in `npm ci`); before a build every
// workspace import is unresolvable, and `not-to-unresolvable` says so instead of letting the
// other rules pass unchecked.
//
// Tests, test support and benchmarks:
// - A test (`<workspace>/test/**`) may import its own workspace's sources (white-box tests), any
//   test support (the shared `test/support/` and any workspace's `test/support/`), and other
//   workspaces by their `@meshview/*` names. Vitest aliases those names to the packages' sources;
//   here they resolve through `exports`. Either way a test reaches another package through its
//   public entry, never through a relative path into its `src`.
// - `test/support/`, `test/*.test.ts` and `bench/` belong to no workspace. They import packages
//   by name only, but may drive the apps' internals (`apps/<app>/src/...`: an app has no library
//   entry) and the frozen scripts in `migrations/versions/`.
// - Production code (a workspace's `src`, `bin`, `migrations/versions`, `scripts/`) never
//   imports tests, test support or benchmarks.

/** One workspace folder: `packages/<name>`, `apps/<name>` or `migrations`; the match is $1. */
const WORKSPACE = '(packages/[^/]+|apps/[^/]+|migrations)';
/** The source folders of a workspace: what no other workspace may reach into. */
const SOURCES = '(src|versions|bin)';
/** Test support, which every test may import: the shared one and each workspace's own. */
const TEST_SUPPORT = '^(test/support/|(packages|apps)/[^/]+/test/support/)';
/** What a package's `exports` entry or subpath resolves to: `dist/x.d.ts` or `dist/x/index.d.ts` (or the source). */
const entry = (workspace, subpath) =>
  `^${workspace}/(dist|src)/${subpath}(/index)?\\.(d\\.ts|ts|js)$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'packages-not-to-apps',
      comment: 'Dependencies point one way: apps import packages, a package never imports an app.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'mesh-not-to-migrate',
      comment:
        'packages/mesh (Meshtastic decoding) and packages/migrate (the engine) do not import each other.',
      severity: 'error',
      from: { path: '^packages/mesh/' },
      to: { path: '^packages/migrate/' },
    },
    {
      name: 'migrate-not-to-mesh',
      comment:
        'packages/migrate (the engine) and packages/mesh (Meshtastic decoding) do not import each other.',
      severity: 'error',
      from: { path: '^packages/migrate/' },
      to: { path: '^packages/mesh/' },
    },
    {
      name: 'migrate-only-schema-and-db-connection',
      comment:
        "The migration engine is generic: of our packages it imports only @meshview/schema's entry and " +
        "@meshview/db/connection, never @meshview/db's main entry or its tables (apps/migrate and the apps " +
        'hand it the models and the scripts folder).',
      severity: 'error',
      from: { path: '^packages/migrate/src/' },
      to: {
        path: `^${WORKSPACE}/`,
        pathNot: [
          '^packages/migrate/',
          entry('packages/schema', 'index'),
          entry('packages/db', 'connection'),
        ],
      },
    },
    {
      name: 'web-only-api-and-mesh-facts',
      comment:
        'apps/web runs in the browser: of our workspaces it imports only packages/api (types) and ' +
        '@meshview/mesh/facts (browser-safe), never server code.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: {
        path: `^${WORKSPACE}/`,
        pathNot: ['^apps/web/', '^packages/api/', entry('packages/mesh', 'facts')],
      },
    },
    {
      name: 'web-api-types-only',
      comment:
        'apps/web imports only types from packages/api (`import type`): its schemas are server code; ' +
        'the list of pages (`@meshview/api/pages`) is plain data and may be imported as values.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: {
        path: '^packages/api/',
        pathNot: entry('packages/api', 'pages'),
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'web-no-node-builtins',
      comment: "apps/web's sources run in the browser, where Node's built-in modules do not exist.",
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-reaching-into-another-workspace',
      comment:
        'A workspace imports another only by its @meshview name (through its exports), never by a relative path ' +
        "into it (its src, dist or anything else); tests may import any workspace's test/support.",
      severity: 'error',
      from: { path: `^${WORKSPACE}/` },
      to: {
        path: `^${WORKSPACE}/`,
        // Another workspace's sources are no-reaching-into-another-src's, to report an import once.
        pathNot: ['^$1/', TEST_SUPPORT, `^${WORKSPACE}/${SOURCES}/`],
        dependencyTypesNot: ['aliased-workspace', 'undetermined', 'triple-slash-file-reference'],
      },
    },
    {
      name: 'no-reaching-into-another-src',
      comment:
        "No workspace reaches into another's sources, by relative path or by a deep import of its name.",
      severity: 'error',
      from: { path: `^${WORKSPACE}/` },
      to: {
        path: `^${WORKSPACE}/${SOURCES}/`,
        pathNot: '^$1/',
        dependencyTypesNot: ['triple-slash-file-reference'],
      },
    },
    {
      name: 'no-deep-workspace-import',
      comment:
        'A @meshview name is imported through its exports only (its entry or an exports subpath): ' +
        '`@meshview/x/src/...` and `@meshview/x/dist/...` bypass them.',
      severity: 'error',
      from: {},
      to: { path: '^@meshview/[^/]+/(src|dist)(/|$)' },
    },
    {
      name: 'tests-and-bench-not-into-package-src',
      comment:
        'Shared test support, top-level tests and benchmarks import packages by their @meshview names; ' +
        "only the apps' internals (apps have no library entry) and migrations/versions are imported by path.",
      severity: 'error',
      from: { path: '^(test|bench)/' },
      to: {
        path: '^(packages/[^/]+|migrations)/src/',
        dependencyTypesNot: ['triple-slash-file-reference'],
      },
    },
    {
      name: 'no-triple-slash-reference-into-another-workspace',
      comment:
        '`/// <reference path>` is an import too: it may point only inside its own workspace.',
      severity: 'error',
      from: { path: `^${WORKSPACE}/` },
      to: { path: '.', pathNot: '^$1/', dependencyTypes: ['triple-slash-file-reference'] },
    },
    {
      name: 'no-triple-slash-reference-outside',
      comment:
        '`/// <reference path>` from tests, test support, benchmarks or scripts may point only into their own folder.',
      severity: 'error',
      from: { path: '^(test|bench|scripts)/' },
      to: {
        path: '^(packages|apps|migrations)/',
        dependencyTypes: ['triple-slash-file-reference'],
      },
    },
    {
      name: 'production-not-to-tests',
      comment:
        'Production code (sources, bins, migration scripts, scripts/) never imports tests, test support or benchmarks.',
      severity: 'error',
      from: { path: [`^${WORKSPACE}/${SOURCES}/`, '^scripts/'] },
      to: { path: ['(^|/)test/', '^bench/'] },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'An import that does not resolve cannot be checked: a missing file, a name not in `exports`, or ' +
        'the packages not built yet (`npm run build`).',
      severity: 'error',
      from: {},
      // A deep import of a @meshview name is no-deep-workspace-import's, to report it once.
      to: { couldNotResolve: true, pathNot: '^@meshview/[^/]+/(src|dist)(/|$)' },
    },
  ],
  options: {
    // Cruise the sources, not the build output; follow nothing inside node_modules or dist (an
    // import of `@meshview/x` ends at the file its exports name).
    doNotFollow: { path: ['(^|/)node_modules/', '(^|/)dist/'] },
    exclude: { path: ['(^|/)coverage/', '(^|/)test-results/', '^bench/results/', '^test/\\.tmp/'] },
    // Type-only imports and `/// <reference path>` count: the rules are about the source.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'node', 'default'],
      mainFields: ['types', 'main'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
