/**
 * The heat scale from few nodes to many, as CSS colours at positions 0–1: one list for the
 * canvas and the legend, so that the legend shows exactly the map's colours. Blue to red through
 * yellow, legible on the light and the dark base map alike.
 */
export const HEAT_STOPS: readonly (readonly [number, string])[] = [
  [0, '#2c7bb6'],
  [0.35, '#00a6ca'],
  [0.55, '#90eb9d'],
  [0.75, '#f9d057'],
  [1, '#d7191c'],
];

/** The stops as a CSS `linear-gradient` (left to right), for the legend. */
export function heatGradientCss(): string {
  const stops = HEAT_STOPS.map(([at, color]) => `${color} ${Math.round(at * 100)}%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/**
 * 256 RGB colours, one per accumulated density (an alpha value 0–255), interpolated between the
 * {@link HEAT_STOPS}: index `a * 3` holds red, then green and blue.
 */
export function heatPalette(): Uint8ClampedArray {
  const rgb = HEAT_STOPS.map(([at, color]) => [at, ...hexRgb(color)] as const);
  const palette = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const at = i / 255;
    const upper = rgb.findIndex(([stop]) => stop >= at);
    const [a, b] = upper <= 0 ? [rgb[0]!, rgb[0]!] : [rgb[upper - 1]!, rgb[upper]!];
    const f = b[0] === a[0] ? 0 : (at - a[0]) / (b[0] - a[0]);
    for (let c = 1; c <= 3; c++) palette[i * 3 + c - 1] = a[c]! + (b[c]! - a[c]!) * f;
  }
  return palette;
}

function hexRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
