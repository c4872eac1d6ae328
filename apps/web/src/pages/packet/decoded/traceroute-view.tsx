import { Link } from '../../../components/link.js';
import { BROADCAST_NUM, formatNumber } from '../../../lib/format.js';
import { useI18n } from '../../../lib/i18n.js';
import { plural } from '../plural.js';
import { NodeRef } from '../node-ref.js';
import { tracePaths, type TracePath } from './trace-paths.js';
import { useNodes } from '../use-nodes.js';
import type { DecodedViewProps } from './view-props.js';

/** A traceroute: the route towards the destination and back, each hop with its SNR. */
export function TracerouteView(props: DecodedViewProps) {
  const { t } = useI18n();
  const { packet } = props;
  const paths = tracePaths(
    props.decoded,
    packet.from_node_id ?? 0,
    packet.to_node_id ?? 0,
    packet.want_response === true,
  );
  const names = useNodes(
    [...paths.towards.nodes, ...(paths.back?.nodes ?? [])].filter((n) => n !== BROADCAST_NUM),
  );
  return (
    <div class="traceroute-view">
      <Path title={t('packet', 'route_towards')} path={paths.towards} names={names} />
      {paths.back && <Path title={t('packet', 'route_back')} path={paths.back} names={names} />}
      <p class="traceroute-page-link">
        <Link href={`/traceroute/${packet.id}`}>{t('traceroute', 'open_page')}</Link>
      </p>
    </div>
  );
}

function Path(props: {
  title: string;
  path: TracePath;
  names: ReadonlyMap<number, { long_name: string | null } | null>;
}) {
  const { t, lang } = useI18n();
  const { nodes, snrs, incomplete } = props.path;
  return (
    <section class="trace-path">
      <h3>
        {props.title} <span class="muted">({plural(t, 'hop_count', nodes.length - 1)})</span>
      </h3>
      <ol class="route">
        {nodes.map((node, i) => (
          <li key={`${i}-${node}`}>
            {i > 0 && (
              <span class="route-link">
                {snrs[i - 1] === null || snrs[i - 1] === undefined
                  ? t('packet', 'snr_unknown')
                  : `SNR ${formatNumber(snrs[i - 1], lang, 2)} dB`}
              </span>
            )}
            {node === BROADCAST_NUM ? (
              <span class="route-node">{t('packet', 'unknown_node')}</span>
            ) : (
              <span class="route-node">
                <NodeRef num={node} name={props.names.get(node)?.long_name} />
              </span>
            )}
          </li>
        ))}
        {incomplete && (
          <li class="route-pending">
            <span class="route-node">{t('packet', 'route_pending')}</span>
          </li>
        )}
      </ol>
    </section>
  );
}
