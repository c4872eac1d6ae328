import { describe, expect, it } from 'vitest';
import {
  HEAT_STOPS,
  heatGradientCss,
  heatPalette,
} from '../../../src/components/heat-layer/heat-palette.js';

describe('the heat palette', () => {
  it("runs from the first stop's colour to the last's, through each stop", () => {
    const palette = heatPalette();
    const rgb = (i: number) => [...palette.slice(i * 3, i * 3 + 3)];
    expect(rgb(0)).toEqual([0x2c, 0x7b, 0xb6]);
    expect(rgb(255)).toEqual([0xd7, 0x19, 0x1c]);
    // 0.75 × 255 ≈ 191: the yellow stop, within rounding.
    const yellow = [0xf9, 0xd0, 0x57];
    rgb(191).forEach((value, i) => expect(Math.abs(value - yellow[i]!)).toBeLessThanOrEqual(6));
  });

  it('gives the legend the same stops', () => {
    const css = heatGradientCss();
    for (const [at, color] of HEAT_STOPS)
      expect(css).toContain(`${color} ${Math.round(at * 100)}%`);
  });
});
