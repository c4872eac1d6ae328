import { useEffect, useMemo, useState } from 'preact/hooks';
import type { StatsBucket, StatsResponse } from '@meshview/api';
import { PortNum, portName } from '@meshview/mesh/facts';
import { Chart } from '../../components/chart.js';
import { getJson } from '../../lib/api.js';
import { hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { lastDays, portActivitySeries } from './port-activity.js';

const DAYS = 7;

/**
 * The node's packets per day for a week, stacked by port. One `/api/stats?group_by=portnum`
 * request; a reader without `group_by` ignores it and answers buckets without `portnum`, and then
 * the page asks once per known port instead.
 */
export function PortActivityChart(props: { nodeId: number }) {
  const { t, lang } = useI18n();
  const shortDay = useMemo(() => {
    const format = new Intl.DateTimeFormat(lang, {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
  }, [lang]);
  const [buckets, setBuckets] = useState<StatsBucket[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setBuckets(null);
    setFailed(null);
    portBuckets(props.nodeId, controller.signal).then(
      (answer) => !controller.signal.aborted && setBuckets(answer),
      (error: Error) => !controller.signal.aborted && setFailed(error.message),
    );
    return () => controller.abort();
  }, [props.nodeId]);

  const days = useMemo(() => lastDays(DAYS, Date.now()), [buckets]);
  const series = useMemo(
    () => portActivitySeries(buckets ?? [], days, portLabel, portColor),
    [buckets, days],
  );
  if (failed !== null) {
    return (
      <p class="section-note section-error" role="alert">
        {t('node', 'section_error', { reason: failed })}
      </p>
    );
  }
  if (buckets === null) {
    return (
      <p class="section-note" role="status">
        {t('base', 'loading')}
      </p>
    );
  }
  return (
    <Chart
      name="packets-per-day"
      title={t('node', 'chart_packets_per_day')}
      csvName={`packets-per-day-${hexId(props.nodeId).slice(1)}`}
      x={{ type: 'category', name: t('node', 'day'), categories: days, format: shortDay }}
      yAxes={[{ name: t('node', 'packets'), min: 0 }]}
      series={series}
    />
  );
}

/** A port's short name in the legend: `TEXT_MESSAGE` for `TEXT_MESSAGE_APP`. */
function portLabel(portnum: number): string {
  return portName(portnum).replace(/_APP$/, '');
}

/** A port's colour, the same in every node's chart: its place among the known ports. */
function portColor(portnum: number): number {
  const known = Object.values(PortNum) as number[];
  return known.includes(portnum) ? known.indexOf(portnum) : known.length + portnum;
}

async function portBuckets(nodeId: number, signal: AbortSignal): Promise<StatsBucket[]> {
  const window = { from_node: nodeId, period_type: 'day', length: DAYS };
  const grouped = await getJson<StatsResponse>(
    'api/stats',
    { ...window, group_by: 'portnum' },
    signal,
  );
  if (grouped.data.every((bucket) => bucket.portnum !== undefined)) return grouped.data;
  const answers = await Promise.all(
    Object.values(PortNum).map((portnum) =>
      getJson<StatsResponse>('api/stats', { ...window, portnum }, signal).then((answer) =>
        answer.data.map((bucket) => ({ ...bucket, portnum })),
      ),
    ),
  );
  return answers.flat();
}
