import { useMemo } from 'preact/hooks';
import type { PacketsResponse } from '@meshview/api';
import { Chart, type ChartPoint } from '../../components/chart.js';
import { useApi } from '../../lib/api.js';
import { hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { nodeRequests } from './node-requests.js';
import { SectionNote } from './section-note.js';
import { telemetrySeries } from './telemetry-series.js';

/**
 * The node's telemetry (its last 1,000 TELEMETRY packets): battery and voltage, channel
 * utilisation and air time, and each environment measure it reports.
 */
export function TelemetryCharts(props: { nodeId: number }) {
  const { t } = useI18n();
  const state = useApi<PacketsResponse>(...nodeRequests.telemetry(props.nodeId));
  const series = useMemo(() => telemetrySeries(state.data?.packets ?? []), [state.data]);
  if (state.data === undefined) return <SectionNote state={state} />;

  const file = (name: string) => `${name}-${hexId(props.nodeId).slice(1)}`;
  const time = { type: 'time', name: t('node', 'time') } as const;
  const percent = (points: readonly ChartPoint[]) =>
    points.every(([, y]) => y === null || y <= 100) ? { min: 0, max: 100 } : { min: 0 };
  const environment = [
    ['temperature', series.temperature, '°C'],
    ['humidity', series.humidity, '%'],
    ['pressure', series.pressure, 'hPa'],
  ] as const;

  return (
    <>
      <Chart
        name="battery"
        title={t('node', 'chart_battery')}
        csvName={file('battery')}
        x={time}
        yAxes={[
          { name: t('node', 'battery'), unit: '%', ...percent(series.battery) },
          { name: t('node', 'voltage'), unit: 'V' },
        ]}
        emptyText={t('node', 'no_telemetry')}
        series={[
          { name: t('node', 'battery'), points: series.battery },
          { name: t('node', 'voltage'), points: series.voltage, axis: 1, dashed: true },
        ]}
      />
      <Chart
        name="utilization"
        title={t('node', 'chart_utilization')}
        csvName={file('utilization')}
        x={time}
        yAxes={[{ name: t('node', 'utilization'), unit: '%', min: 0 }]}
        emptyText={t('node', 'no_telemetry')}
        series={[
          { name: t('node', 'channel_utilization'), points: series.channelUtilization },
          { name: t('node', 'air_util_tx'), points: series.airUtilTx, dashed: true },
        ]}
      />
      {environment
        .filter(([, points]) => points.length > 0)
        .map(([name, points, unit]) => (
          <Chart
            key={name}
            name={name}
            title={t('node', `chart_${name}`)}
            csvName={file(name)}
            x={time}
            yAxes={[{ name: t('node', name), unit }]}
            series={[{ name: t('node', name), points }]}
          />
        ))}
    </>
  );
}
