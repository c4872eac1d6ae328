/**
 * Where benchmarks put their figures: bench/results/<name>.json (committed), with the commit and
 * the machine they were measured on, so that a figure is never read without its context.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '#test/tmp.js';
import { cpuTicks, stealShare } from './steal.js';

/** The machine's CPU ticks when the benchmark's modules loaded: the run's steal starts here. */
const runStarted = cpuTicks();

/**
 * Writes bench/results/<name>.json: the figures, with the commit, whether the code measured had
 * uncommitted changes, and the machine (`machine`: more facts about it, such as a browser's version).
 */
export function writeResults(
  name: string,
  figures: Record<string, unknown>,
  machine: Record<string, unknown> = {},
): string {
  const dir = join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const result = {
    benchmark: name,
    at: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    // Changes to the code measured; the results files a run writes as it goes do not count.
    uncommitted_changes: git(['status', '--porcelain', '--', '.', ':!bench/results']) !== '',
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model ?? 'unknown',
      memory_gb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      note: 'the load generator, broker and servers share these cores',
      // The hypervisor's share of the machine's CPU time from this benchmark's start to here.
      steal_percent_during_run: stealShare(runStarted, cpuTicks()),
      ...machine,
    },
    ...figures,
  };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
