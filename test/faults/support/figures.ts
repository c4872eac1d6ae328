import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '#test/tmp.js';
import { faultsLevel } from './level.js';

/** One row of a scenario's figures: a case (a dialect, a step) and its counts. */
export type FigureRow = Readonly<Record<string, string | number | boolean | null>>;

/** Where each scenario's figures go, one JSON line per report (read by scripts/faults-report.js). */
export const FIGURES_DIR = join(repoRoot, 'test-results', 'faults');

/**
 * Prints a scenario's figures as a table (the suite's output is its report) and appends them to
 * `test-results/faults/<scenario>.jsonl`, with the level they were taken at and when.
 */
export function reportFigures(
  scenario: string,
  rows: readonly FigureRow[],
  params: Readonly<Record<string, string | number | boolean>> = {},
): void {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: FigureRow[string] | undefined) =>
    value === undefined || value === null ? '' : String(value);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  const level = faultsLevel();
  const header = Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const text = [
    `\n[faults] ${scenario} (level ${level}${header ? `; ${header}` : ''})`,
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((row) => line(columns.map((c) => cell(row[c])))),
    '',
  ].join('\n');
  process.stdout.write(`${text}\n`);
  mkdirSync(FIGURES_DIR, { recursive: true });
  appendFileSync(
    join(FIGURES_DIR, `${scenario}.jsonl`),
    `${JSON.stringify({ scenario, level, at: new Date().toISOString(), params, rows })}\n`,
  );
}
