/**
 * A uniform grid over node positions (layout units) for hit-testing: which node is under the
 * pointer looks at the few cells around it instead of every node.
 */
export class HitGrid {
  readonly #cell: number;
  readonly #cells = new Map<number, number[]>();
  readonly #positions: Float32Array;

  /** `positions` as the layout gives them (`[x0, y0, x1, y1, …]`); `shown[i]` 0 leaves i out. */
  constructor(positions: Float32Array, shown?: Uint8Array, cellSize = 24) {
    this.#cell = cellSize;
    this.#positions = positions;
    for (let i = 0; i < positions.length / 2; i += 1) {
      if (shown && !shown[i]) continue;
      const key = this.#key(
        Math.floor(positions[2 * i]! / cellSize),
        Math.floor(positions[2 * i + 1]! / cellSize),
      );
      const list = this.#cells.get(key);
      if (list) list.push(i);
      else this.#cells.set(key, [i]);
    }
  }

  /**
   * The node nearest to (x, y) within `radius` (layout units), or -1.
   *
   * @example
   * grid.nearest(12.5, -3, 8 / scale); // a node within 8 screen pixels, at this zoom
   */
  nearest(x: number, y: number, radius: number): number {
    const c = this.#cell;
    let best = -1;
    let bestD2 = radius * radius;
    for (let gx = Math.floor((x - radius) / c); gx <= Math.floor((x + radius) / c); gx += 1) {
      for (let gy = Math.floor((y - radius) / c); gy <= Math.floor((y + radius) / c); gy += 1) {
        for (const i of this.#cells.get(this.#key(gx, gy)) ?? []) {
          const dx = this.#positions[2 * i]! - x;
          const dy = this.#positions[2 * i + 1]! - y;
          const d2 = dx * dx + dy * dy;
          if (d2 <= bestD2) {
            bestD2 = d2;
            best = i;
          }
        }
      }
    }
    return best;
  }

  /** One number per cell: layouts span far fewer than 2^20 cells a side. */
  #key(gx: number, gy: number): number {
    return (gx + 0x80000) * 0x100000 + (gy + 0x80000);
  }
}
