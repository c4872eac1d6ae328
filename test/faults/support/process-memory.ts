import { readFileSync } from 'node:fs';

/** A process's resident set (`VmRSS` in /proc/<pid>/status) in MB, or undefined once it is gone. */
export function residentMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/**
 * Samples a process's resident set every `intervalMs` until stopped: its peak, and every sample
 * for a series.
 *
 * @example
 * const rss = new RssSampler(reader.pid, 250);
 * // … load …
 * rss.stop();
 * console.log(rss.peakMb);
 */
export class RssSampler {
  readonly samples: { readonly atMs: number; readonly mb: number }[] = [];
  peakMb = 0;
  readonly #pid: number;
  readonly #started = Date.now();
  readonly #timer: NodeJS.Timeout;

  constructor(pid: number, intervalMs: number) {
    this.#pid = pid;
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Takes one sample now (also called by the timer); returns it. */
  sample(): number | undefined {
    const mb = residentMb(this.#pid);
    if (mb === undefined) return undefined;
    this.samples.push({ atMs: Date.now() - this.#started, mb });
    this.peakMb = Math.max(this.peakMb, mb);
    return mb;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
