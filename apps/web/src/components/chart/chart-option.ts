import type { EChartsCoreOption } from 'echarts/core';
import type { ChartProps, ChartSeries } from './chart-types.js';
import type { ChartColors } from './chart-palette.js';

/** What {@link chartOption} draws from. */
export interface ChartOptionInput {
  readonly series: ChartProps['series'];
  readonly x: ChartProps['x'];
  readonly yAxes: NonNullable<ChartProps['yAxes']>;
  readonly colors: ChartColors;
  /** The enlarged view: zoom controls and room for them. */
  readonly enlarged: boolean;
}

/** Time axis labels by level; month names come from the chart's locale (`5 Dec`, `5 dic`). */
const TIME_LABELS = {
  year: '{yyyy}',
  month: '{MMM} {yyyy}',
  day: '{d} {MMM}',
  hour: '{HH}:{mm}',
  minute: '{HH}:{mm}',
  second: '{HH}:{mm}:{ss}',
  millisecond: '{HH}:{mm}:{ss}.{SSS}',
};

/** Above this many points a line is drawn without a symbol at each point. */
const SYMBOL_LIMIT = 60;

/**
 * Above this many points a scatter series is drawn as one shape (ECharts' large mode) rather
 * than one SVG element per point: a busy node's receptions are thousands of points, whose
 * elements cost the node page most of its drawing time (issue 13, docs/PERFORMANCE.md).
 */
const LARGE_SCATTER = 300;

/** Slanted category labels: all of them, long ones cut short (the tooltip has them whole). */
const SLANTED = { interval: 0, rotate: 35, width: 110, overflow: 'truncate' } as const;
const SLANT_ROOM = 64;

/** The ECharts option of a chart: axes, series, legend and tooltip in the theme's colours. */
export function chartOption(input: ChartOptionInput): EChartsCoreOption {
  const { colors, x, enlarged } = input;
  if (input.series[0]?.type === 'pie') return pieOption(input.series[0], colors);
  const axisLine = { lineStyle: { color: colors.axis } };
  const axisLabel = { color: colors.muted };
  const splitLine = { lineStyle: { color: colors.grid } };
  const showLegend = input.series.length > 1;
  const zoom = enlarged && x.type === 'time';
  return {
    animation: false,
    color: [...colors.series],
    textStyle: { color: colors.text },
    grid: {
      left: 8,
      right: 8,
      top: 28,
      bottom: (showLegend ? 54 : 28) + (zoom ? 40 : 0) + (x.slanted ? SLANT_ROOM : 0),
    },
    legend: showLegend
      ? {
          type: 'scroll',
          bottom: zoom ? 40 : 0,
          textStyle: { color: colors.text },
          pageTextStyle: { color: colors.text },
          pageIconColor: colors.text,
          pageIconInactiveColor: colors.axis,
          inactiveColor: colors.axis,
        }
      : { show: false },
    tooltip: {
      // Scattered points rarely share an x: show the one under the pointer.
      trigger: input.series.every((s) => s.type === 'scatter') ? 'item' : 'axis',
      confine: true,
      backgroundColor: colors.tooltipBg,
      borderColor: colors.axis,
      textStyle: { color: colors.text },
    },
    xAxis:
      x.type === 'time'
        ? {
            type: 'time',
            axisLine,
            axisLabel: { ...axisLabel, hideOverlap: true, formatter: TIME_LABELS },
            splitLine: { show: false },
          }
        : {
            type: 'category',
            data: [...(x.categories ?? categoriesOf(input.series))],
            axisLine,
            axisLabel: {
              ...axisLabel,
              ...(x.format ? { formatter: x.format } : {}),
              ...(x.slanted ? SLANTED : {}),
            },
          },
    yAxis: input.yAxes.map((axis, index) => ({
      type: 'value',
      name: axis.unit ? `${axis.name} (${axis.unit})` : axis.name,
      nameTextStyle: { color: colors.muted, align: index === 0 ? 'left' : 'right' },
      position: index === 0 ? 'left' : 'right',
      scale: axis.min === undefined && axis.max === undefined,
      ...(axis.min !== undefined ? { min: axis.min } : {}),
      ...(axis.max !== undefined ? { max: axis.max } : {}),
      axisLine: { show: true, ...axisLine },
      axisLabel,
      splitLine: index === 0 ? splitLine : { show: false },
    })),
    dataZoom: zoom
      ? [
          { type: 'inside' },
          {
            type: 'slider',
            bottom: 8,
            height: 24,
            textStyle: { color: colors.muted },
            borderColor: colors.axis,
          },
        ]
      : [],
    series: input.series.map((series) => seriesOption(series, input)),
  };
}

function seriesOption(series: ChartSeries, input: ChartOptionInput): Record<string, unknown> {
  const type = series.type ?? 'line';
  const unit = series.unit ?? input.yAxes[series.axis ?? 0]?.unit;
  const data =
    input.x.type === 'time'
      ? series.points.map(([x, y]) => [x, y])
      : alignToCategories(series, input.x.categories ?? categoriesOf(input.series));
  return {
    name: series.name,
    type,
    data,
    yAxisIndex: series.axis ?? 0,
    ...(series.stack !== undefined ? { stack: series.stack } : {}),
    ...(series.colorIndex !== undefined
      ? {
          itemStyle: {
            color: input.colors.series[series.colorIndex % input.colors.series.length],
          },
        }
      : {}),
    ...(type === 'line'
      ? {
          showSymbol: series.points.length <= SYMBOL_LIMIT,
          symbolSize: 5,
          connectNulls: false,
          lineStyle: { width: 2, ...(series.dashed ? { type: 'dashed' } : {}) },
        }
      : {}),
    ...(type === 'scatter'
      ? {
          symbolSize: 7,
          large: series.points.length > LARGE_SCATTER,
          largeThreshold: LARGE_SCATTER,
        }
      : {}),
    ...(type === 'bar' ? { barMaxWidth: 40 } : {}),
    tooltip: {
      valueFormatter: (value: unknown) =>
        typeof value === 'number'
          ? `${Math.round(value * 100) / 100}${unit ? ` ${unit}` : ''}`
          : '—',
    },
  };
}

/** The x values of category series, in the order they first appear. */
export function categoriesOf(series: readonly ChartSeries[]): string[] {
  const seen = new Set<string>();
  for (const s of series) for (const [x] of s.points) seen.add(String(x));
  return [...seen];
}

function alignToCategories(series: ChartSeries, categories: readonly string[]): (number | null)[] {
  const byX = new Map(series.points.map(([x, y]) => [String(x), y]));
  return categories.map((category) => byX.get(category) ?? null);
}

/** A pie of one series: a slice per category, named beside it, no axes. */
function pieOption(series: ChartSeries, colors: ChartColors): EChartsCoreOption {
  return {
    animation: false,
    color: [...colors.series],
    textStyle: { color: colors.text },
    tooltip: { trigger: 'item', confine: true, backgroundColor: colors.tooltipBg },
    series: [
      {
        name: series.name,
        type: 'pie',
        radius: '62%',
        data: series.points.map(([name, value]) => ({ name: String(name), value })),
        label: { color: colors.text },
      },
    ],
  };
}
