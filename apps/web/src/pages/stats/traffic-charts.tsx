import { useId, useMemo } from 'preact/hooks';
import type { StatsResponse } from '@meshview/api';
import { portName } from '@meshview/mesh/facts';
import { Chart, type ChartProps } from '../../components/chart.js';
import { DataState } from '../../components/data-state.js';
import { useApi, type Query } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { ChannelPicker } from './channel-picker.js';
import './pie-chart.js';
import { periodLabels, portTotals } from './stats-figures.js';
import { useShortDay } from './use-short-day.js';

const TEXT_MESSAGE = 1;

/**
 * The mesh's traffic on one channel (or all): packets per port over the last 24 hours, text
 * messages per day over 14 days, and packets (all, then text) per hour over 24 hours; each chart
 * shows `/api/stats`' buckets as they are.
 */
export function TrafficCharts(props: {
  readonly channels: readonly string[];
  readonly channel: string | undefined;
  readonly onChannel: (channel: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const channel = props.channel;
  const shortDay = useShortDay();
  const types = useApi<StatsResponse>('api/stats', {
    period_type: 'hour',
    length: 24,
    group_by: 'portnum',
    channel,
  });
  const csvSuffix = channel ?? 'all';
  const portSeries = useMemo(() => {
    const totals = portTotals(types.data?.data ?? []);
    return [
      {
        name: t('stats', 'packets'),
        type: 'pie' as const,
        points: totals.map(
          ([portnum, count]) =>
            [portnum < 0 ? t('stats', 'port_unknown') : portLabel(portnum), count] as const,
        ),
      },
    ];
  }, [types.data, t]);

  return (
    <section class="stats-section" aria-labelledby={`${id}-title`}>
      <div class="stats-section-head">
        <h2 id={`${id}-title`}>{t('stats', 'traffic_title')}</h2>
        <ChannelPicker channels={props.channels} channel={channel} onChange={props.onChannel} />
      </div>
      <div class="stats-grid">
        <DataState state={types}>
          {() => (
            <Chart
              name="packet-types"
              title={t('stats', 'packet_types')}
              csvName={`packet-types-24h-${csvSuffix}`}
              x={{ type: 'category', name: t('stats', 'port') }}
              yAxes={[{ name: t('stats', 'packets'), min: 0 }]}
              series={portSeries}
              height={300}
            />
          )}
        </DataState>
        <PeriodChart
          name="messages-per-day"
          title={t('stats', 'messages_per_day')}
          csvName={`messages-per-day-${csvSuffix}`}
          query={{ period_type: 'day', length: 14, portnum: TEXT_MESSAGE, channel }}
          axis={t('stats', 'day')}
          format={shortDay}
          seriesName={t('stats', 'messages')}
          colorIndex={1}
        />
        <PeriodChart
          name="packets-per-hour"
          title={t('stats', 'packets_per_hour')}
          csvName={`packets-per-hour-${csvSuffix}`}
          query={{ period_type: 'hour', length: 24, channel }}
          axis={t('stats', 'hour_utc')}
          format={hourOf}
          seriesName={t('stats', 'packets')}
          colorIndex={0}
        />
        <PeriodChart
          name="text-per-hour"
          title={t('stats', 'text_per_hour')}
          csvName={`text-per-hour-${csvSuffix}`}
          query={{ period_type: 'hour', length: 24, portnum: TEXT_MESSAGE, channel }}
          axis={t('stats', 'hour_utc')}
          format={hourOf}
          seriesName={t('stats', 'messages')}
          colorIndex={1}
        />
      </div>
    </section>
  );
}

/** One `/api/stats` answer as bars, a place on the axis for every period of the window. */
function PeriodChart(props: {
  readonly name: string;
  readonly title: string;
  readonly csvName: string;
  readonly query: Query & { period_type: 'hour' | 'day'; length: number };
  readonly axis: string;
  readonly format: (label: string) => string;
  readonly seriesName: string;
  readonly colorIndex: number;
}) {
  const { t } = useI18n();
  const answer = useApi<StatsResponse>('api/stats', props.query);
  const { period_type, length } = props.query;
  const chart = useMemo((): Pick<ChartProps, 'x' | 'series'> => {
    const data = answer.data?.data ?? [];
    return {
      x: {
        type: 'category',
        name: props.axis,
        categories: periodLabels(
          period_type,
          length,
          Date.now(),
          data.map((b) => b.period),
        ),
        format: props.format,
      },
      series: [
        {
          name: props.seriesName,
          type: 'bar',
          colorIndex: props.colorIndex,
          points: data.map((b) => [b.period, b.count] as const),
        },
      ],
    };
  }, [answer.data, props.axis, props.format, props.seriesName]);
  return (
    <DataState state={answer}>
      {() => (
        <Chart
          name={props.name}
          title={props.title}
          csvName={props.csvName}
          yAxes={[{ name: props.seriesName, min: 0 }]}
          emptyText={t('stats', 'no_packets')}
          {...chart}
        />
      )}
    </DataState>
  );
}

/** `2026-12-06 09:00` → `09:00` (UTC, as the axis says). */
const hourOf = (label: string): string => label.slice(11);

/** A port's short name: `TEXT_MESSAGE` for `TEXT_MESSAGE_APP`. */
const portLabel = (portnum: number): string => portName(portnum).replace(/_APP$/, '');
