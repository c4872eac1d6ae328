/**
 * Steal: the share of the machine's CPU time the hypervisor took (from `/proc/stat`). On the
 * virtual machines these benchmarks run on, tail latencies follow it (docs/PERFORMANCE.md), so a
 * figure is recorded with the steal measured while it was taken. Where `/proc/stat` cannot be
 * read (not Linux), the figure is null, not 0.
 */
import { readFileSync } from 'node:fs';

/** The machine's CPU time so far, in ticks of /proc/stat: all of it, and the stolen part. */
export interface CpuTicks {
  readonly total: number;
  readonly steal: number;
}

export function cpuTicks(): CpuTicks | null {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'utf8');
  } catch {
    return null;
  }
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice
  const ticks = text.split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: ticks.reduce((sum, n) => sum + n, 0), steal: ticks[7] ?? 0 };
}

/** The stolen share of the CPU time between two readings, in percent (one decimal). */
export function stealShare(before: CpuTicks | null, after: CpuTicks | null): number | null {
  if (before === null || after === null) return null;
  const total = after.total - before.total;
  return total <= 0 ? 0 : Math.round((1000 * (after.steal - before.steal)) / total) / 10;
}

/** `12.3%`, or `n/a` where it could not be read. */
export function formatSteal(percent: number | null): string {
  return percent === null ? 'n/a' : `${percent.toFixed(1)}%`;
}
