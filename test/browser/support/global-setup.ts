import { chromiumSkipReason } from './chromium.js';

/** Says once, at the top of `npm run test:browser`, when the browser tests are skipped and why. */
export default function setup(): void {
  if (chromiumSkipReason)
    process.stdout.write(`\nBrowser tests are SKIPPED: ${chromiumSkipReason}\n`);
}
