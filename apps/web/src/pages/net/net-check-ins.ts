import type { Packet } from '@meshview/api';

/** How far back the net looks (MeshView's: the last 6 days). */
export const NET_DAYS = 6;

/** The most check-ins the page reads (MeshView's `limit=1000`). */
export const NET_LIMIT = 1000;

/** The start of the net's window, `NET_DAYS` before `nowMs`, in µs (the API's `since`). */
export function netSinceUs(nowMs: number): number {
  return (nowMs - NET_DAYS * 86_400_000) * 1000;
}

/**
 * Each node's first check-in among `packets` (any order), in the order they checked in (oldest
 * first); packets without a sender or an import time are left out.
 */
export function firstCheckIns(packets: readonly Packet[]): Packet[] {
  const first = new Map<number, Packet>();
  for (const p of packets) {
    if (p.from_node_id === null || p.import_time_us === null) continue;
    const known = first.get(p.from_node_id);
    if (known === undefined || p.import_time_us < known.import_time_us!)
      first.set(p.from_node_id, p);
  }
  return [...first.values()].sort((a, b) => a.import_time_us! - b.import_time_us!);
}
