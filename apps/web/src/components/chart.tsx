import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { downloadCsv, toCsv } from '../lib/csv.js';
import { formatNumber } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { chartTable } from './chart/chart-csv.js';
import { chartOption } from './chart/chart-option.js';
import { CHART_PALETTE } from './chart/chart-palette.js';
import { seriesFacts } from './chart/chart-summary.js';
import { echarts, echartsLocale } from './chart/echarts.js';
import { usePageTheme } from './chart/use-page-theme.js';
import type { ChartAxis, ChartProps } from './chart/chart-types.js';
import './chart/chart.css';

export type { ChartAxis, ChartPoint, ChartProps, ChartSeries } from './chart/chart-types.js';

/**
 * A chart of one or more series (ECharts, SVG) with an enlarged view in a dialog and a CSV
 * download of its series. Themed from `<html data-theme>` and re-drawn when it changes; resizes
 * with its container. For assistive technology the drawing is an image named by the title and a
 * text summary of each series; tests read the series from the figure's `data-series` attribute
 * (`[{ name, points: [[x, y], …] }, …]`).
 *
 * @example
 * <Chart
 *   title="Battery"
 *   csvName="battery-0a11ce01"
 *   x={{ type: 'time', name: 'time' }}
 *   yAxes={[{ name: 'Battery', unit: '%', min: 0, max: 100 }, { name: 'Voltage', unit: 'V' }]}
 *   series={[
 *     { name: 'Battery', points: [[1764979200000, 87]] },
 *     { name: 'Voltage', points: [[1764979200000, 4.05]], axis: 1, dashed: true },
 *   ]}
 * />
 */
export function Chart(props: ChartProps) {
  const { t, lang } = useI18n();
  const [enlarged, setEnlarged] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const enlargeRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const yAxes = props.yAxes ?? [{ name: '' }];
  const empty = props.series.every((s) => s.points.every(([, y]) => y === null));
  const Heading = `h${props.level ?? 3}` as const;

  const summary = useMemo(
    () =>
      seriesFacts(props.series)
        .map((facts) =>
          props.series.some((s) => s.stack !== undefined)
            ? t('node', 'chart_summary_total', {
                name: facts.name,
                total: formatNumber(facts.total, lang),
              })
            : t('node', 'chart_summary', {
                name: facts.name,
                count: facts.count,
                min: formatNumber(facts.min, lang),
                max: formatNumber(facts.max, lang),
                last: formatNumber(facts.last, lang),
              }),
        )
        .join('; '),
    [props.series, lang, t],
  );
  const dataSeries = useMemo(
    () => JSON.stringify(props.series.map((s) => ({ name: s.name, points: s.points }))),
    [props.series],
  );

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (enlarged && !dialog.open) dialog.showModal();
    if (!enlarged && dialog.open) dialog.close();
  }, [enlarged]);

  const download = () => {
    const table = chartTable(props.series, props.x);
    downloadCsv(`${props.csvName}.csv`, toCsv(table.header, table.rows));
  };

  return (
    <figure
      class="chart"
      data-chart={props.name}
      data-series={dataSeries}
      aria-labelledby={`${id}-title`}
    >
      <div class="chart-head">
        <Heading id={`${id}-title`} class="chart-title">
          {props.title}
        </Heading>
        {!empty && (
          <div class="chart-actions">
            <button
              type="button"
              ref={enlargeRef}
              aria-label={t('node', 'chart_enlarge_named', { title: props.title })}
              onClick={() => setEnlarged(true)}
            >
              {t('node', 'chart_enlarge')}
            </button>
            <button
              type="button"
              aria-label={t('node', 'chart_csv_named', { title: props.title })}
              onClick={download}
            >
              {t('node', 'chart_csv')}
            </button>
          </div>
        )}
      </div>
      {empty ? (
        <p class="chart-empty">{props.emptyText ?? t('node', 'chart_no_data')}</p>
      ) : (
        <>
          <ChartCanvas
            {...props}
            yAxes={yAxes}
            label={`${props.title}. ${summary}`}
            height={props.height ?? 240}
            enlarged={false}
            lang={lang}
          />
          <p class="visually-hidden">{summary}</p>
        </>
      )}
      <dialog
        ref={dialogRef}
        class="chart-dialog"
        aria-labelledby={`${id}-dialog-title`}
        onClose={() => {
          setEnlarged(false);
          enlargeRef.current?.focus();
        }}
      >
        <div class="chart-head">
          <h2 id={`${id}-dialog-title`} class="chart-title">
            {props.title}
          </h2>
          <div class="chart-actions">
            <button type="button" onClick={download}>
              {t('node', 'chart_csv')}
            </button>
            <button type="button" onClick={() => setEnlarged(false)}>
              {t('node', 'chart_close')}
            </button>
          </div>
        </div>
        {enlarged && (
          <ChartCanvas
            {...props}
            yAxes={yAxes}
            label={`${props.title}. ${summary}`}
            height={null}
            enlarged={true}
            lang={lang}
          />
        )}
      </dialog>
    </figure>
  );
}

/** The drawing: one ECharts instance, re-drawn when the data, theme or language change. */
function ChartCanvas(
  props: Omit<ChartProps, 'height'> & {
    readonly yAxes: readonly ChartAxis[];
    readonly label: string;
    /** Pixels, or `null` to fill the container (the dialog). */
    readonly height: number | null;
    readonly enlarged: boolean;
    readonly lang: string;
  },
) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof echarts.init> | null>(null);
  const theme = usePageTheme();
  const locale = echartsLocale(props.lang);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, null, { renderer: 'svg', locale });
    chartRef.current = chart;
    // The observer reports every chart once when it starts observing: resizing then would draw
    // each chart a second time (and measure the page again) for nothing. Only a real change of
    // size redraws.
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (
        !box ||
        (Math.round(box.width) === chart.getWidth() && Math.round(box.height) === chart.getHeight())
      ) {
        return;
      }
      chart.resize();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [locale]);

  // The option is rebuilt when what it shows changes, not when a caller passes equal literals.
  const key = JSON.stringify([props.series, props.x, props.yAxes, props.enlarged, theme, locale]);
  useEffect(() => {
    chartRef.current?.setOption(
      chartOption({
        series: props.series,
        x: props.x,
        yAxes: props.yAxes,
        colors: CHART_PALETTE[theme],
        enlarged: props.enlarged,
      }),
      { notMerge: true },
    );
  }, [key]);

  return (
    <div
      ref={ref}
      class={props.enlarged ? 'chart-canvas chart-canvas-enlarged' : 'chart-canvas'}
      role="img"
      aria-label={props.label}
      style={props.height === null ? undefined : { height: `${props.height}px` }}
    />
  );
}
