import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Tests import the packages' TypeScript sources directly; the apps' child-process tests run the
// compiled output, which `npm test` builds first (`tsc -b`).
export default defineConfig({
  resolve: {
    alias: {
      '@meshview/config': src('./packages/config/src/index.ts'),
      '@meshview/db': src('./packages/db/src/index.ts'),
      '@meshview/migrate': src('./packages/migrate/src/index.ts'),
      '@meshview/mesh': src('./packages/mesh/src/index.ts'),
      '@meshview/migrations': src('./migrations/src/index.ts'),
      '@meshview/sim': src('./packages/sim/src/index.ts'),
      // Shared test helpers: `#test/<file>.js` is test/support/<file>.ts (also in tsconfig paths).
      '#test': src('./test/support'),
    },
  },
  test: {
    include: ['{packages,apps,migrations,test}/**/*.test.ts'],
    // The heavy tier runs with `npm run test:faults` (vitest.faults.config.ts).
    exclude: [...configDefaults.exclude, '**/*.faults.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on two cores is one worker; the slow suites mostly wait on child
    // processes, brokers and databases, so three workers finish in about 60% of the time.
    maxWorkers: 3,
    globalSetup: ['./test/support/global-setup.ts'],
  },
});
