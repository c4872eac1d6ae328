import type { Node, NodeStatsResponse, StatsCountResponse } from '@meshview/api';
import { useApi } from '../../lib/api.js';
import {
  degrees,
  formatNumber,
  formatTimeUs,
  hasPosition,
  hexId,
  relativeTimeUs,
} from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';

/**
 * What is known about a node: its ids, names, channel, position, role, hardware, gateway flag,
 * first and last seen, firmware; and its last 24 hours: packets sent, how many times gateways
 * heard them (`/api/stats/count?from_node=`), and packets addressed to it (`/api/stats?node=`).
 */
export function NodeInfo(props: { node: Node; nodeId: number }) {
  const { t, lang } = useI18n();
  const { node, nodeId } = props;
  const day = { period_type: 'hour', length: 24 };
  const count = useApi<StatsCountResponse>('api/stats/count', { from_node: nodeId, ...day });
  const stats = useApi<NodeStatsResponse>('api/stats', { node: nodeId, ...day });
  const unknown = t('node', 'unknown');
  const lat = degrees(node.last_lat);
  const lon = degrees(node.last_long);
  const counted = (value: number | undefined, failed: boolean) =>
    failed ? unknown : value === undefined ? t('base', 'loading') : formatNumber(value, lang, 0);
  const seen = (us: number | null) =>
    us === null ? unknown : `${formatTimeUs(us, lang)} (${relativeTimeUs(us, lang)})`;

  const rows: [string, string][] = [
    [t('node', 'node_id'), `${nodeId} · ${hexId(nodeId)}`],
    [t('node', 'long_name'), node.long_name ?? unknown],
    [t('node', 'short_name'), node.short_name ?? unknown],
    [t('node', 'channel'), node.channel ?? unknown],
    [
      t('node', 'position'),
      hasPosition(node.last_lat, node.last_long) && lat !== null && lon !== null
        ? `${formatNumber(lat, lang, 5)}, ${formatNumber(lon, lang, 5)}`
        : t('node', 'no_position'),
    ],
    [t('node', 'role'), node.role ?? unknown],
    [t('node', 'hardware'), node.hw_model ?? unknown],
    [
      t('node', 'mqtt_gateway'),
      node.is_mqtt_gateway === null ? unknown : t('node', node.is_mqtt_gateway ? 'yes' : 'no'),
    ],
    [t('node', 'first_seen'), seen(node.first_seen_us)],
    [t('node', 'last_seen'), seen(node.last_seen_us)],
    [t('node', 'firmware'), node.firmware ?? unknown],
    [t('node', 'sent_24h'), counted(count.data?.total_packets, count.error !== undefined)],
    [t('node', 'seen_24h'), counted(count.data?.total_seen, count.error !== undefined)],
    [t('node', 'to_it_24h'), counted(stats.data?.seen, stats.error !== undefined)],
  ];
  return (
    <section class="node-card node-info" aria-labelledby="node-info-title">
      <h2 id="node-info-title">{t('node', 'info')}</h2>
      <dl>
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
