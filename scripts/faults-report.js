#!/usr/bin/env node
// `node scripts/faults-report.js [level]`: the newest figures of each fault scenario taken at
// `level` (default full), from test-results/faults/*.jsonl, as the Markdown tables
// docs/RELIABILITY.md holds. Reports nothing for a scenario never run at that level.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const level = process.argv[2] ?? 'full';
const dir = fileURLToPath(new URL('../test-results/faults/', import.meta.url));
if (!existsSync(dir)) {
  console.error(`no figures in ${dir}: run npm run test:faults -- --${level} first`);
  process.exit(1);
}
const escape = (value) => String(value ?? '').replace(/\|/g, '\\|');
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()) {
  const reports = readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((report) => report.level === level);
  if (reports.length === 0) continue;
  // A scenario may report several tables (one per dialect): the newest run's, in order.
  const newest = reports.at(-1).at.slice(0, 13);
  for (const report of reports.filter((r) => r.at.slice(0, 13) === newest)) {
    const columns = [...new Set(report.rows.flatMap((row) => Object.keys(row)))];
    const params = Object.entries(report.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    console.log(`#### ${report.scenario}${params ? ` (${params})` : ''}, ${report.at}\n`);
    console.log(`| ${columns.map(escape).join(' | ')} |`);
    console.log(`| ${columns.map(() => '---').join(' | ')} |`);
    for (const row of report.rows)
      console.log(`| ${columns.map((c) => escape(row[c])).join(' | ')} |`);
    console.log('');
  }
}
