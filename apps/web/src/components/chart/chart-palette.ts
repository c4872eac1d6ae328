/**
 * Series colours and the axes' ink for each theme. Every series colour has a contrast of at
 * least 3:1 against its theme's background (WCAG's bar for graphics), and neighbours in the
 * list differ in hue as well as lightness.
 */
export const CHART_PALETTE = {
  light: {
    series: [
      '#0b62c4',
      '#c2410c',
      '#15803d',
      '#7e22ce',
      '#0e7490',
      '#be185d',
      '#a16207',
      '#4d5661',
      '#b91c1c',
      '#1e3a8a',
    ],
    text: '#1b1f24',
    muted: '#4d5661',
    axis: '#8c959f',
    grid: '#d8dee4',
    tooltipBg: '#ffffff',
  },
  dark: {
    series: [
      '#6cb2ff',
      '#fb923c',
      '#4ade80',
      '#c084fc',
      '#22d3ee',
      '#f472b6',
      '#facc15',
      '#cbd5e1',
      '#f87171',
      '#a5b4fc',
    ],
    text: '#e6e9ed',
    muted: '#a9b3be',
    axis: '#6e7781',
    grid: '#30363d',
    tooltipBg: '#1e2329',
  },
} as const;

/** The colours of one theme. */
export type ChartColors = (typeof CHART_PALETTE)[keyof typeof CHART_PALETTE];
