#!/usr/bin/env node
// `npm run test:faults [-- --full | --soak] [vitest arguments]`: the fault and abuse suite.
// Without a flag it runs the representative part (.ci/run's); --full runs every scenario at the
// parameters docs/RELIABILITY.md states; --soak adds the hour-long soak. Figures are printed and
// appended to test-results/faults/*.jsonl (node scripts/faults-report.js turns them into a table).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
let level = 'ci';
const rest = [];
for (const arg of args) {
  if (arg === '--full') level = level === 'soak' ? 'soak' : 'full';
  else if (arg === '--soak') level = 'soak';
  else rest.push(arg);
}
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const result = spawnSync(
  process.execPath,
  [vitest, 'run', '--config', 'vitest.faults.config.ts', ...rest],
  { stdio: 'inherit', env: { ...process.env, MESHVIEW_FAULTS_LEVEL: level } },
);
process.exit(result.status ?? 1);
