/**
 * CPU time of processes, from Linux's /proc: what a page load cost the reader and the browser,
 * whatever else the machine was doing meanwhile (wall times on a shared, loaded machine say
 * more about the other processes than about the page).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second of /proc's `utime` and `stime` (USER_HZ, 100 on Linux everywhere). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** User and system CPU time, in ticks. */
  readonly ticks: number;
}

function stat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after its last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** Every live process under `root` (its children, theirs, …), `root` included. */
export function processTree(root: number): number[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => stat(Number(name)))
    .filter((s): s is ProcStat => s !== null);
  const children = new Map<number, number[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s.pid]);
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** The CPU time (ms) the processes have used so far; processes gone since count nothing. */
export function cpuMs(pids: readonly number[]): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of pids) {
    const s = stat(pid);
    if (s) used.set(pid, (s.ticks * 1000) / TICKS_PER_SECOND);
  }
  return used;
}

/** CPU time (ms) used between two readings of {@link cpuMs}, over the processes of `after`. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}
