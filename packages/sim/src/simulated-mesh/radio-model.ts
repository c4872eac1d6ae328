import type { PlannedNode } from './planned-node.js';
import { linkFade } from './radio.js';

/** Transmit power plus both antennas' gain (dBm), less the path loss at 1 m at 906 MHz. */
const BUDGET_DB = 26 - 31.6;

/**
 * The parts of every link that do not change as nodes move: each pair's path-loss exponent
 * (3.1 at street level, 2.8 with one end on a hill, 2.6 between hills) and its shadowing.
 */
export class RadioModel {
  readonly nodes: readonly PlannedNode[];
  /** Per pair (i·n + j): the budget plus shadowing, dB. */
  readonly #offset: Float64Array;
  /** Per pair: 10 × the exponent, halved, to apply to log10 of the squared distance. */
  readonly #slope: Float64Array;

  constructor(seed: number, nodes: readonly PlannedNode[]) {
    this.nodes = nodes;
    const n = nodes.length;
    this.#offset = new Float64Array(n * n);
    this.#slope = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = nodes[i]!;
        const b = nodes[j]!;
        const exponent = a.high && b.high ? 2.6 : a.high || b.high ? 2.8 : 3.1;
        this.#offset[i * n + j] = BUDGET_DB + linkFade(seed, a.num, b.num);
        this.#slope[i * n + j] = 5 * exponent;
      }
    }
  }

  /** The RSSI (dBm) between nodes `i` and `j`, `squaredM` square metres apart. */
  rssi(i: number, j: number, squaredM: number): number {
    const k = i * this.nodes.length + j;
    return this.#offset[k]! - this.#slope[k]! * Math.log10(Math.max(squaredM, 100));
  }
}
