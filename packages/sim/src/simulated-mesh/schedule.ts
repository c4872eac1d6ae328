import { hashUnit } from './hash-unit.js';
import type { PlannedNode } from './planned-node.js';

/** What a node does on its own schedule. */
export type RoutineKind =
  | 'position'
  | 'nodeinfo'
  | 'device'
  | 'environment'
  | 'neighborinfo'
  | 'text'
  | 'direct'
  | 'traceroute'
  | 'impostor';

/** One thing a node does at a moment. */
export interface Routine {
  readonly kind: RoutineKind;
  readonly node: number;
  readonly timeUs: number;
}

const S = 1_000_000;

/** Each kind: a number for the draws, its interval (s) for a node, and how likely a slot is used. */
const ROUTINES: readonly {
  readonly kind: RoutineKind;
  readonly code: number;
  readonly intervalS: (node: PlannedNode) => number | null;
  readonly chance: number;
}[] = [
  {
    kind: 'position',
    code: 1,
    intervalS: (n) => (n.mobility !== 'fixed' ? 900 : n.role === 'ROUTER' ? 10_800 : 3600),
    chance: 1,
  },
  { kind: 'nodeinfo', code: 2, intervalS: () => 10_800, chance: 1 },
  { kind: 'device', code: 3, intervalS: () => 1800, chance: 1 },
  { kind: 'environment', code: 4, intervalS: (n) => (n.hasEnvironment ? 1800 : null), chance: 1 },
  {
    kind: 'neighborinfo',
    code: 5,
    intervalS: (n) => (n.sendsNeighborInfo ? 7200 : null),
    chance: 1,
  },
  { kind: 'text', code: 6, intervalS: (n) => (n.chatty ? 7200 : null), chance: 0.35 },
  { kind: 'direct', code: 7, intervalS: (n) => (n.chatty ? 21_600 : null), chance: 0.35 },
  { kind: 'traceroute', code: 8, intervalS: (n) => (n.chatty ? 10_800 : null), chance: 0.4 },
  { kind: 'impostor', code: 9, intervalS: (n) => (n.impostor ? 21_600 : null), chance: 1 },
];

/**
 * What the nodes do on their own in [startUs, endUs), in time order: each kind on a fixed grid of
 * slots (`interval / pace` apart, at a phase of its own), each slot used with the kind's chance,
 * somewhere in its first 30 %. Every draw depends only on the seed, the node, the kind and the
 * slot, so a window gives the same routines as any longer window around it.
 */
export function routines(
  seed: number,
  nodes: readonly PlannedNode[],
  startUs: number,
  endUs: number,
  pace: number,
): Routine[] {
  const out: Routine[] = [];
  for (const node of nodes) {
    for (const { kind, code, intervalS, chance } of ROUTINES) {
      const seconds = intervalS(node);
      if (seconds === null) continue;
      const interval = Math.round((seconds * S) / pace);
      const phase = Math.floor(hashUnit(seed, node.num, code) * interval);
      const first = Math.floor((startUs - phase) / interval) - 1;
      const last = Math.floor((endUs - phase) / interval);
      for (let slot = first; slot <= last; slot++) {
        if (chance < 1 && hashUnit(seed, node.num, code, slot, 1) >= chance) continue;
        const timeUs =
          phase +
          slot * interval +
          Math.floor(hashUnit(seed, node.num, code, slot) * 0.3 * interval);
        const ms = Math.floor(timeUs / 1000) * 1000;
        if (ms >= startUs && ms < endUs) out.push({ kind, node: node.index, timeUs: ms });
      }
    }
  }
  return out.sort((a, b) => a.timeUs - b.timeUs || a.node - b.node);
}
