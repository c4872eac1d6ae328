import { useMemo } from 'preact/hooks';
import type { ConfigResponse, Node, PacketsResponse } from '@meshview/api';
import { useApi } from '../../lib/api.js';
import { hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { ImpersonationBanner } from './impersonation-banner.js';
import { NeighborChart } from './neighbor-chart.js';
import { neighborSnr } from './neighbor-series.js';
import { NodeInfo } from './node-info.js';
import { nodeLabel } from './node-label.js';
import { nodeLive } from './node-live.js';
import { NodePackets } from './node-packets.js';
import { nodeRequests } from './node-requests.js';
import { NodeReceptions } from './node-receptions.js';
import { NodeShare } from './node-share.js';
import { PortActivityChart } from './port-activity-chart.js';
import { SectionNote } from './section-note.js';
import { TelemetryCharts } from './telemetry-charts.js';
import { TrackMap } from './track-map.js';
import { useNodes } from './use-nodes.js';
import './node-page.css';

/** The page of a node the reader knows: each section asks for its own data. */
export function NodeView(props: { node: Node; nodeId: number; config: ConfigResponse }) {
  const { t } = useI18n();
  const { node, nodeId } = props;
  const name = nodeLabel(nodeId, node);
  // Its last 500 NEIGHBORINFO reports: the SNR chart, and the neighbours on the map.
  const neighborState = useApi<PacketsResponse>(...nodeRequests.neighbors(nodeId));
  const neighbors = useMemo(
    () => neighborSnr(neighborState.data?.packets ?? []),
    [neighborState.data],
  );
  const neighborNodes = useNodes(useMemo(() => neighbors.map((n) => n.nodeId), [neighbors]));

  return (
    <article class="node-page" data-node-id={nodeId}>
      <header class="node-header">
        <h1>
          {name}
          {node.short_name && node.short_name !== name && (
            <span class="node-title-short"> ({node.short_name})</span>
          )}
        </h1>
        <p class="node-ids">
          {hexId(nodeId)} · {nodeId}
        </p>
      </header>
      <ImpersonationBanner nodeId={nodeId} />
      <div class="node-top">
        <NodeInfo node={node} nodeId={nodeId} />
        <TrackMap node={node} nodeId={nodeId} neighbors={neighborNodes} config={props.config} />
        <NodeShare nodeId={nodeId} name={name} />
      </div>
      <section class="node-section" aria-labelledby="node-charts-title">
        <h2 id="node-charts-title">{t('node', 'telemetry')}</h2>
        <div class="node-charts">
          <TelemetryCharts nodeId={nodeId} />
        </div>
      </section>
      <section class="node-section" aria-labelledby="node-activity-title">
        <h2 id="node-activity-title">{t('node', 'activity')}</h2>
        <div class="node-charts">
          {neighborState.data === undefined ? (
            <SectionNote state={neighborState} />
          ) : (
            <NeighborChart nodeId={nodeId} neighbors={neighbors} nodes={neighborNodes} />
          )}
          <PortActivityChart nodeId={nodeId} />
        </div>
      </section>
      <NodeReceptions nodeId={nodeId} />
      <NodePackets nodeId={nodeId} live={nodeLive(props.config)} />
    </article>
  );
}
