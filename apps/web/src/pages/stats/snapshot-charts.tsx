import { useId, useMemo } from 'preact/hooks';
import type { SnapshotsResponse } from '@meshview/api';
import { Chart } from '../../components/chart.js';
import { DataState } from '../../components/data-state.js';
import { useApi } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { useShortDay } from './use-short-day.js';

/** The snapshot ranges MeshView offers, in days; `all` asks for every day. */
export const SNAPSHOT_RANGES = ['7', '14', '30', '183', '365', 'all'] as const;
export type SnapshotRange = (typeof SNAPSHOT_RANGES)[number];

/** The writer's daily snapshots over a range: packets per day; nodes and gateways per day. */
export function SnapshotCharts(props: {
  readonly range: SnapshotRange;
  readonly onRange: (range: SnapshotRange) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const shortDay = useShortDay();
  const snapshots = useApi<SnapshotsResponse>('api/snapshots/daily', {
    length: props.range === 'all' ? undefined : props.range,
  });
  const days = useMemo(() => snapshots.data?.data.map((d) => d.date) ?? [], [snapshots.data]);
  const x = {
    type: 'category',
    name: t('stats', 'day'),
    categories: days,
    format: shortDay,
  } as const;
  const series = useMemo(() => {
    const data = snapshots.data?.data ?? [];
    const of = (name: string, pick: (d: (typeof data)[number]) => number, colorIndex: number) => ({
      name,
      colorIndex,
      points: data.map((d) => [d.date, pick(d)] as const),
    });
    return {
      packets: [of(t('stats', 'packets'), (d) => d.packet_count, 0)],
      nodes: [
        of(t('stats', 'nodes'), (d) => d.node_count, 1),
        of(t('stats', 'gateways'), (d) => d.gateway_count, 2),
      ],
    };
  }, [snapshots.data, t]);

  return (
    <section class="stats-section" aria-labelledby={`${id}-title`}>
      <div class="stats-section-head">
        <h2 id={`${id}-title`}>{t('stats', 'snapshots_title')}</h2>
        <div class="field">
          <label for={`${id}-range`}>{t('stats', 'range')}</label>
          <select
            id={`${id}-range`}
            name="days"
            value={props.range}
            onChange={(e) => props.onRange(e.currentTarget.value as SnapshotRange)}
          >
            {SNAPSHOT_RANGES.map((range) => (
              <option key={range} value={range}>
                {range === 'all'
                  ? t('stats', 'range_all')
                  : t('stats', 'range_days', { days: range })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <DataState state={snapshots}>
        {() => (
          <div class="stats-grid">
            <Chart
              name="snapshot-packets"
              title={t('stats', 'snapshot_packets')}
              csvName={`snapshots-packets-${props.range}`}
              x={x}
              yAxes={[{ name: t('stats', 'packets'), min: 0 }]}
              series={series.packets.map((s) => ({ ...s, type: 'bar' }))}
              emptyText={t('stats', 'no_snapshots')}
            />
            <Chart
              name="snapshot-nodes"
              title={t('stats', 'snapshot_nodes')}
              csvName={`snapshots-nodes-${props.range}`}
              x={x}
              yAxes={[{ name: t('stats', 'nodes'), min: 0 }]}
              series={series.nodes}
              emptyText={t('stats', 'no_snapshots')}
            />
          </div>
        )}
      </DataState>
    </section>
  );
}
