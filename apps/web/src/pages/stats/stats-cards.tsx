import type { NodesResponse, StatsCountResponse } from '@meshview/api';
import type { ApiState } from '../../lib/api.js';
import { useApi } from '../../lib/api.js';
import { formatNumber } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';

/**
 * The totals: known nodes and MQTT gateways (`/api/nodes`), packets and receptions (all-time
 * `/api/stats/count`). Each card says "…" while loading and "—" when its request failed.
 */
export function StatsCards(props: { readonly nodes: ApiState<NodesResponse> }) {
  const { t, lang } = useI18n();
  const count = useApi<StatsCountResponse>('api/stats/count');
  const nodes = props.nodes.data?.nodes;
  const value = (state: ApiState<unknown>, n: number | undefined) =>
    n !== undefined ? formatNumber(n, lang, 0) : state.error ? '—' : '…';
  const cards = [
    ['nodes', value(props.nodes, nodes?.length)],
    ['packets', value(count, count.data?.total_packets)],
    ['receptions', value(count, count.data?.total_seen)],
    ['gateways', value(props.nodes, nodes?.filter((n) => n.is_mqtt_gateway === true).length)],
  ] as const;
  return (
    <dl class="stats-cards">
      {cards.map(([key, shown]) => (
        <div key={key} class="stats-card" data-card={key}>
          <dt>{t('stats', `card_${key}`)}</dt>
          <dd>{shown}</dd>
        </div>
      ))}
    </dl>
  );
}
