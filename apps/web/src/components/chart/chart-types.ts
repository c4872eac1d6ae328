/** The props of the shared `Chart` component (components/chart.tsx), free of JSX for pure code. */

/** One point: x (a time in milliseconds, or a category), y (`null` leaves a gap). */
export type ChartPoint = readonly [x: number | string, y: number | null];

/** One series of a chart. */
export interface ChartSeries {
  /** Shown in the legend, the tooltip, the CSV header and the text summary. */
  readonly name: string;
  readonly points: readonly ChartPoint[];
  /**
   * `line` by default. A `pie` (one series, categories as slices) needs ECharts' `PieChart`
   * registered by the page that draws it, so other pages do not carry it.
   */
  readonly type?: 'line' | 'bar' | 'scatter' | 'pie';
  /** Which y axis (index into `yAxes`), 0 by default. */
  readonly axis?: number;
  /** Series with the same stack name are stacked (bars per day by port). */
  readonly stack?: string;
  /** Unit shown after values in the tooltip; the axis's unit by default. */
  readonly unit?: string;
  /**
   * Which of the theme's series colours (modulo their number), for a colour that stays with
   * what it shows from chart to chart (a port, a gateway); by position otherwise.
   */
  readonly colorIndex?: number;
  /** A dashed line (to tell a second measure apart without colour alone). */
  readonly dashed?: boolean;
}

/** A y axis: its name (and unit), and fixed bounds where the measure has them (0–100 %). */
export interface ChartAxis {
  readonly name: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
}

/** What {@link Chart} draws. */
export interface ChartProps {
  /** The chart's heading and accessible name. */
  readonly title: string;
  readonly series: readonly ChartSeries[];
  /**
   * The x axis: times (points' x in milliseconds since the epoch) or categories (points' x are
   * the category names; `categories` fixes their order and lists those without values).
   */
  readonly x: {
    readonly type: 'time' | 'category';
    readonly name: string;
    readonly categories?: readonly string[];
    /** How a category is written under the axis (`6 Dec` for `2026-12-06`); as is by default. */
    readonly format?: (category: string) => string;
    /** Every category named, slanted (long names: hardware models, ports); some by default. */
    readonly slanted?: boolean;
  };
  /** One or two y axes (the second on the right); one unnamed axis by default. */
  readonly yAxes?: readonly ChartAxis[];
  /** The CSV file's name, without `.csv`. */
  readonly csvName: string;
  /** A stable name for tests and styles: the figure's `data-chart`. */
  readonly name?: string;
  /** The chart's height in pixels (240 by default); the enlarged view fills most of the screen. */
  readonly height?: number;
  /** The heading level of the title (3 by default). */
  readonly level?: 2 | 3 | 4;
  /** Shown instead of an empty chart (the `node.chart_no_data` text by default). */
  readonly emptyText?: string;
}
