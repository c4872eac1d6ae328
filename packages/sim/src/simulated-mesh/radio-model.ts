import { projectM } from './geo.js';
import type { PlannedNode } from './planned-node.js';
import { linkFade, MIN_SNR, snrOf } from './radio.js';

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
  /** Per node: the nodes it can ever reach, wherever their tracks take them. */
  readonly #reach: (readonly number[])[];
  /** Every node's index. */
  readonly everyone: readonly number[];

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
    this.everyone = nodes.map((_, i) => i);
    // Each track's box on the plane: the closest two nodes can ever be is between their boxes.
    const boxes = nodes.map((node) => {
      const points = node.track.legs.flatMap((leg) => [projectM(leg.from), projectM(leg.to)]);
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
    });
    this.#reach = nodes.map((_, i) =>
      this.everyone.filter((j) => {
        if (i === j) return false;
        const a = boxes[i]!;
        const b = boxes[j]!;
        const dx = Math.max(0, a.x0 - b.x1, b.x0 - a.x1);
        const dy = Math.max(0, a.y0 - b.y1, b.y0 - a.y1);
        return snrOf(this.rssi(i, j, dx * dx + dy * dy)) >= MIN_SNR;
      }),
    );
  }

  /** The nodes that `i` can ever reach (the others never hear it, wherever they are). */
  reach(i: number): readonly number[] {
    return this.#reach[i]!;
  }

  /** The RSSI (dBm) between nodes `i` and `j`, `squaredM` square metres apart. */
  rssi(i: number, j: number, squaredM: number): number {
    const k = i * this.nodes.length + j;
    return this.#offset[k]! - this.#slope[k]! * Math.log10(Math.max(squaredM, 100));
  }
}
