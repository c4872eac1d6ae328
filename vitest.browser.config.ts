import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The real-browser tests (`npm run test:browser`, also run by .ci/run): Chromium at
// CHROMIUM_PATH against the real reader, named `*.browser.test.ts`. Each file starts a site (a
// database and a reader process) and a browser of its own.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/browser/**/*.browser.test.ts'],
    exclude: configDefaults.exclude,
    // One project of its own, not `npm test`'s split into pure and I/O files.
    projects: undefined,
    // A page test walks every control with Tab at two widths; the node page has a hundred packet
    // rows, which takes minutes on a loaded two-core machine (a bound, not a timing assertion).
    testTimeout: 300_000,
    hookTimeout: 180_000,
    // Two cores: two files at a time, each with a reader, a database and a Chromium.
    maxWorkers: 2,
    globalSetup: ['./test/support/global-setup.ts', './test/browser/support/global-setup.ts'],
  },
});
