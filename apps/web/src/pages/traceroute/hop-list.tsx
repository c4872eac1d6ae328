import type { Node } from '@meshview/api';
import { NodeName } from '../../components/node-name.js';
import { BROADCAST_NUM, formatNumber } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import type { TraceDirection, TracePath } from './trace-route.js';

/** A link's SNR in words: `SNR 6.5 dB`, or that it was not measured. */
export function SnrText(props: { snr: number | null }) {
  const { t, lang } = useI18n();
  return (
    <>
      {props.snr === null
        ? t('traceroute', 'snr_unknown')
        : t('traceroute', 'snr', { snr: formatNumber(props.snr, lang, 2) })}
    </>
  );
}

/**
 * A path as a list: each node (a link to its page) and, between two nodes, the SNR the second
 * heard the first at. Each item carries `data-node-id`, each SNR `data-snr` (`unknown` when not
 * measured). `compact` lays it out on one wrapping line, for the gateways' reports.
 */
export function HopList(props: {
  path: TracePath;
  direction: TraceDirection;
  names: ReadonlyMap<number, Node | null>;
  label: string;
  pending?: boolean;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const { nodes, snrs } = props.path;
  return (
    <ol
      class={props.compact ? 'trace-hops trace-hops-compact' : 'trace-hops'}
      data-direction={props.direction}
      aria-label={props.label}
    >
      {nodes.map((node, i) => {
        const known = props.names.get(node);
        const snr = i > 0 ? (snrs[i - 1] ?? null) : null;
        return (
          <li key={`${i}-${node}`} data-node-id={node}>
            {i > 0 && (
              <span class="trace-hop-snr" data-snr={snr === null ? 'unknown' : String(snr)}>
                <SnrText snr={snr} />
              </span>
            )}
            <span class="trace-hop-node">
              {node === BROADCAST_NUM ? (
                t('traceroute', 'unknown_node')
              ) : (
                <NodeName nodeId={node} shortName={known?.short_name} longName={known?.long_name} />
              )}
            </span>
          </li>
        );
      })}
      {props.pending && (
        <li class="trace-hop-pending">
          <span class="trace-hop-node">{t('traceroute', 'on_its_way')}</span>
        </li>
      )}
    </ol>
  );
}
