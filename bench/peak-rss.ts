import { readFileSync } from 'node:fs';

/**
 * A running process's peak resident memory in MB: the kernel's high-water mark (VmHWM), kept
 * for the whole life of the process, so one reading before stopping it covers every moment.
 */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}
