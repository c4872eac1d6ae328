import { hashUnit } from './hash-unit.js';
import { MIN_SNR } from './radio.js';
import type { RadioSnapshot } from './radio-snapshot.js';

/**
 * Whether a transmission heard at `snr` is decoded, given a draw in [0, 1): never below the
 * radios' limit, seldom near it, and one in ten lost to a collision even when strong.
 */
function decodes(snr: number, draw: number): boolean {
  if (snr < MIN_SNR) return false;
  return draw < 0.9 * Math.min(1, 0.3 + (snr - MIN_SNR) / 10);
}

/** How a packet spread: for each node, after how many transmissions it first heard it. */
export interface Flood {
  /** 0 for the sender, 1 for its direct neighbours, …; −1 for nodes that never heard it. */
  readonly level: readonly number[];
  /** The node whose transmission each node heard best at its level; −1 for none. */
  readonly parent: readonly number[];
}

/**
 * Meshtastic's managed flooding, by levels: the sender transmits with `hopStart`; a node that
 * hears it at level L (hop limit `hopStart − (L − 1)` left) rebroadcasts while hops are left and
 * its role relays; weak and colliding transmissions are lost (drawn from `salt`, one per
 * packet). Each node keeps the transmission it heard best (highest SNR) at its level.
 */
export function flood(radio: RadioSnapshot, sender: number, hopStart: number, salt: number): Flood {
  const n = radio.nodes.length;
  const level: number[] = new Array<number>(n).fill(-1);
  const parent: number[] = new Array<number>(n).fill(-1);
  const best: number[] = new Array<number>(n).fill(-Infinity);
  level[sender] = 0;
  let frontier = [sender];
  for (let depth = 1; frontier.length > 0 && depth <= hopStart + 1; depth++) {
    const next: number[] = [];
    for (const from of frontier) {
      for (const to of radio.reach(from)) {
        if (level[to] !== -1 && level[to] !== depth) continue;
        const snr = radio.snr(from, to);
        if (!decodes(snr, hashUnit(salt, from, to))) continue;
        if (level[to] === -1) {
          level[to] = depth;
          next.push(to);
        }
        if (snr > best[to]!) {
          best[to] = snr;
          parent[to] = from;
        }
      }
    }
    frontier = depth <= hopStart ? next.filter((i) => radio.nodes[i]!.relays) : [];
  }
  return { level, parent };
}

/** The nodes from `from` to `to` along a flood's best transmissions, ends included; null if `to` never heard it. */
export function floodPath(result: Flood, to: number): number[] | null {
  if (result.level[to] === -1) return null;
  const path = [to];
  for (let at = to; result.parent[at] !== -1; at = result.parent[at]!)
    path.unshift(result.parent[at]!);
  return path;
}

/** The draws of the packet sent at `timeUs`: the same in every window. */
export function packetSalt(seed: number, timeUs: number): number {
  return Math.floor(hashUnit(seed, Math.floor(timeUs / 1000), 0xf100d) * 0x100000000);
}
