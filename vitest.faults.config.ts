import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The heavy tier (`npm run test:faults`, also run by .ci/run): tests on large tables that take
// too long for `npm test`, named `*.faults.test.ts`. Each has a small twin in `npm test`.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['{packages,apps,migrations,test}/**/*.faults.test.ts'],
    exclude: configDefaults.exclude,
    // One project of its own, not `npm test`'s split into pure and I/O files.
    projects: undefined,
    testTimeout: 600_000,
  },
});
