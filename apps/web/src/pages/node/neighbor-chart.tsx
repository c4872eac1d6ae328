import type { Node } from '@meshview/api';
import { Chart } from '../../components/chart.js';
import { hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import type { NeighborSnr } from './neighbor-series.js';
import { nodeLabel } from './node-label.js';

/** The SNR at which the node hears each neighbour, over time, from its NEIGHBORINFO reports. */
export function NeighborChart(props: {
  nodeId: number;
  neighbors: readonly NeighborSnr[];
  nodes: ReadonlyMap<number, Node>;
}) {
  const { t } = useI18n();
  return (
    <Chart
      name="neighbor-snr"
      title={t('node', 'chart_neighbor_snr')}
      csvName={`neighbor-snr-${hexId(props.nodeId).slice(1)}`}
      x={{ type: 'time', name: t('node', 'time') }}
      yAxes={[{ name: t('node', 'snr'), unit: 'dB' }]}
      series={props.neighbors.map((neighbor) => ({
        name: nodeLabel(neighbor.nodeId, props.nodes.get(neighbor.nodeId)),
        points: neighbor.points,
      }))}
      emptyText={t('node', 'no_neighbor_reports')}
    />
  );
}
