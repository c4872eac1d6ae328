import { Link } from '../../components/link.js';
import { formatNumber, hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import type { Graph, GraphLink } from './graph-model.js';
import { nodeLabel, snrText } from './link-list-text.js';
import { snrColor } from './snr-scale.js';

/**
 * The chosen node: its name, role and channel, a link to its page, and its links (each with its
 * direction and SNR) as buttons that choose the node at the other end.
 */
export function NodePanel(props: {
  graph: Graph;
  index: number;
  links: readonly GraphLink[];
  onSelect: (index: number) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { graph, index, links } = props;
  const node = graph.nodes[index]!;
  const dB = (n: number) => formatNumber(n, lang, 2);
  const mine = links.filter((l) => l.source === index || l.target === index);
  return (
    <section class="graph-panel" aria-labelledby="graph-panel-title" data-node={node.num}>
      <div class="graph-panel-head">
        <h2 id="graph-panel-title">{nodeLabel(node, node.num)}</h2>
        <button type="button" class="graph-panel-close" onClick={props.onClose}>
          {t('nodegraph', 'close')}
        </button>
      </div>
      <dl class="graph-panel-facts">
        <dt>{t('nodegraph', 'id')}</dt>
        <dd>{hexId(node.num)}</dd>
        <dt>{t('nodegraph', 'role')}</dt>
        <dd>{node.role || t('nodegraph', 'unknown')}</dd>
        <dt>{t('nodegraph', 'channel')}</dt>
        <dd>{node.channel || t('nodegraph', 'unknown')}</dd>
      </dl>
      <p>
        <Link href={`/node/${node.num}`} class="graph-node-page">
          {t('nodegraph', 'open_node', { name: nodeLabel(node, node.num) })}
        </Link>
      </p>
      <h3>{t('nodegraph', 'node_links', { count: formatNumber(mine.length, lang, 0) })}</h3>
      <ul class="graph-panel-links">
        {mine.map((l) => {
          const out = l.source === index;
          const other = out ? l.target : l.source;
          return (
            <li key={`${l.from}>${l.to}`} data-from={l.from} data-to={l.to}>
              <span class="graph-dir" aria-hidden="true">
                {out ? '→' : '←'}
              </span>
              <span class="visually-hidden">{t('nodegraph', out ? 'heard_by' : 'hears')}</span>
              <button type="button" onClick={() => props.onSelect(other)}>
                {nodeLabel(graph.nodes[other], out ? l.to : l.from)}
              </button>
              <span class="graph-panel-snr">
                <span
                  class="snr-swatch"
                  style={{ background: snrColor(l.snr) }}
                  aria-hidden="true"
                />
                {snrText(l.snr, dB)}
                {l.oneWay ? ` · ${t('nodegraph', 'one_way')}` : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
