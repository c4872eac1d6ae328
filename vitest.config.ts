import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Test files of packages whose tests use no database, broker, child process, environment variable
 * or fake timers (a temporary file at most); a new test there that does needs this list changed.
 */
const PURE = ['packages/{config,log,mesh,schema,sim}/test/**/*.test.ts'];
const ALL = ['{packages,apps,migrations,test}/**/*.test.ts'];
const EXCLUDE = [...configDefaults.exclude, '**/*.faults.test.ts', '**/*.browser.test.ts'];

// Tests import the packages' TypeScript sources directly; the apps' child-process tests run the
// compiled output, which `npm test` builds first (`tsc -b`).
export default defineConfig({
  resolve: {
    // In order: the first entry that matches wins, and a string matches its subpaths too
    // (`@meshview/db` would take `@meshview/db/connection`), hence the subpath first and exact
    // patterns.
    alias: [
      { find: '@meshview/config', replacement: src('./packages/config/src/index.ts') },
      { find: '@meshview/schema', replacement: src('./packages/schema/src/index.ts') },
      {
        find: /^@meshview\/db\/connection$/,
        replacement: src('./packages/db/src/connection/index.ts'),
      },
      { find: /^@meshview\/db$/, replacement: src('./packages/db/src/index.ts') },
      { find: '@meshview/migrate', replacement: src('./packages/migrate/src/index.ts') },
      {
        find: /^@meshview\/mesh\/facts$/,
        replacement: src('./packages/mesh/src/facts.ts'),
      },
      { find: /^@meshview\/mesh$/, replacement: src('./packages/mesh/src/index.ts') },
      { find: '@meshview/migrations', replacement: src('./migrations/src/index.ts') },
      { find: /^@meshview\/api\/pages$/, replacement: src('./packages/api/src/pages.ts') },
      { find: /^@meshview\/api$/, replacement: src('./packages/api/src/index.ts') },
      { find: '@meshview/sim', replacement: src('./packages/sim/src/index.ts') },
      // Shared test helpers: `#test/<file>.js` is test/support/<file>.ts (also in tsconfig paths).
      { find: '#test', replacement: src('./test/support') },
    ],
  },
  test: {
    // The heavy tier runs with `npm run test:faults` (vitest.faults.config.ts), the real-browser
    // tests with `npm run test:browser` (vitest.browser.config.ts).
    exclude: EXCLUDE,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on two cores is one worker; the slow suites mostly wait on child
    // processes, brokers and databases, so three workers finish in about 60% of the time.
    maxWorkers: 3,
    globalSetup: ['./test/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'pure',
          include: PURE,
          // Pure functions only: one worker thread runs many files without a fresh process and
          // module graph for each, which costs about 0.75 CPU-second a file on two cores.
          pool: 'threads',
          isolate: false,
        },
      },
      { extends: true, test: { name: 'io', include: ALL, exclude: [...EXCLUDE, ...PURE] } },
    ],
  },
});
