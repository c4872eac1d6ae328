import { useId, useMemo } from 'preact/hooks';
import type { Node, NodesResponse } from '@meshview/api';
import { Chart } from '../../components/chart.js';
import { DataState } from '../../components/data-state.js';
import type { ApiState } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { countBy } from './stats-figures.js';

type Key = 'hw_model' | 'role' | 'channel' | 'firmware';

/** The breakdowns MeshView draws: nodes by hardware, role and channel; gateways by channel, role, firmware. */
const BREAKDOWNS: readonly {
  readonly name: string;
  readonly key: Key;
  readonly gateways: boolean;
}[] = [
  { name: 'nodes-by-hardware', key: 'hw_model', gateways: false },
  { name: 'nodes-by-role', key: 'role', gateways: false },
  { name: 'nodes-by-channel', key: 'channel', gateways: false },
  { name: 'gateways-by-channel', key: 'channel', gateways: true },
  { name: 'gateways-by-role', key: 'role', gateways: true },
  { name: 'gateways-by-firmware', key: 'firmware', gateways: true },
];

/** Bars of how many known nodes (and MQTT gateways) have each hardware, role, channel, firmware. */
export function NodeBreakdowns(props: { readonly nodes: ApiState<NodesResponse> }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section class="stats-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('stats', 'breakdowns_title')}</h2>
      <DataState state={props.nodes}>{(data) => <Breakdowns nodes={data.nodes} />}</DataState>
    </section>
  );
}

function Breakdowns(props: { readonly nodes: readonly Node[] }) {
  const { t } = useI18n();
  const gateways = useMemo(
    () => props.nodes.filter((n) => n.is_mqtt_gateway === true),
    [props.nodes],
  );
  return (
    <div class="stats-grid">
      {BREAKDOWNS.map(({ name, key, gateways: ofGateways }) => {
        const counts = countBy(ofGateways ? gateways : props.nodes, key, t('stats', 'unknown'));
        const what = t('stats', ofGateways ? 'gateways' : 'nodes');
        return (
          <Chart
            key={name}
            name={name}
            title={t('stats', name.replaceAll('-', '_'))}
            csvName={name}
            x={{ type: 'category', name: t('stats', `by_${key}`), slanted: true }}
            yAxes={[{ name: what, min: 0 }]}
            series={[{ name: what, type: 'bar', points: counts }]}
            height={300}
          />
        );
      })}
    </div>
  );
}
