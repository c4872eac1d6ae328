import { Link } from '../../components/link.js';
import { formatNumber, hexId, relativeTimeUs } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { nodeLabel } from '../node/node-label.js';
import type { EdgeLine } from './edge-lines.js';
import type { MapNode } from './map-node.js';

/** The links of the node whose popup is open, as far as they have loaded. */
export type PopupLinks =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly reason: string }
  | {
      readonly state: 'loaded';
      readonly lines: readonly EdgeLine[];
      /** How many of them end at a node without a position (not drawn). */
      readonly unplaced: number;
    };

/**
 * A node's popup on the map (MeshView's fields): its name linking to its page, channel,
 * hardware, role, MQTT gateway, last seen, firmware; the area of a reduced-precision position;
 * and a summary of the links drawn for it.
 */
export function NodePopup(props: { node: MapNode; links: PopupLinks }) {
  const { t, lang } = useI18n();
  const { node, links } = props;
  const row = node.node;
  const unknown = t('map', 'unknown');
  const name = nodeLabel(node.nodeId, row);
  return (
    <div class="map-popup">
      <p class="map-popup-name">
        <Link href={`/node/${node.nodeId}`}>{name}</Link>
        <span class="map-popup-id">{hexId(node.nodeId)}</span>
      </p>
      <dl class="map-popup-fields">
        <dt>{t('map', 'channel')}</dt>
        <dd>{node.channel || unknown}</dd>
        <dt>{t('map', 'hardware')}</dt>
        <dd>{row.hw_model ?? unknown}</dd>
        <dt>{t('map', 'role')}</dt>
        <dd>{row.role ?? unknown}</dd>
        <dt>{t('map', 'mqtt_gateway')}</dt>
        <dd>{node.gateway ? t('map', 'yes') : t('map', 'no')}</dd>
        <dt>{t('map', 'last_seen')}</dt>
        <dd>{relativeTimeUs(row.last_seen_us, lang)}</dd>
        <dt>{t('map', 'firmware')}</dt>
        <dd>{row.firmware ?? unknown}</dd>
        {node.cell !== null && (
          <>
            <dt>{t('map', 'position')}</dt>
            <dd>
              {t('map', 'position_area', {
                width: distance(node.cell.widthM, lang),
                height: distance(node.cell.heightM, lang),
                bits: node.precisionBits ?? '',
              })}
            </dd>
          </>
        )}
      </dl>
      <p class="map-popup-links">{linksText(links, t)}</p>
    </div>
  );
}

/** A popup for nodes at one spot (a cluster that never splits): a button for each. */
export function SpotPopup(props: { nodes: readonly MapNode[]; onPick: (node: MapNode) => void }) {
  const { t } = useI18n();
  return (
    <div class="map-popup">
      <p class="map-popup-name">{t('map', 'spot_title', { count: props.nodes.length })}</p>
      <ul class="map-spot-list">
        {props.nodes.map((node) => (
          <li key={node.nodeId}>
            <button type="button" class="map-spot-node" onClick={() => props.onPick(node)}>
              {nodeLabel(node.nodeId, node.node)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function linksText(links: PopupLinks, t: ReturnType<typeof useI18n>['t']): string {
  if (links.state === 'loading') return t('map', 'links_loading');
  if (links.state === 'error') return t('map', 'links_error', { reason: links.reason });
  if (links.lines.length === 0) return t('map', 'links_none');
  const count = (type: EdgeLine['type']) => links.lines.filter((l) => l.type === type).length;
  const summary = t('map', 'links_summary', {
    traceroute: count('traceroute'),
    neighbor: count('neighbor'),
    oneway: links.lines.filter((l) => l.oneWay).length,
  });
  return links.unplaced === 0
    ? summary
    : `${summary} ${t('map', 'links_unplaced', { count: links.unplaced })}`;
}

/** `850 m` or `5.8 km`. */
function distance(metres: number, lang: string): string {
  return metres < 1000
    ? `${formatNumber(metres, lang, 0)} m`
    : `${formatNumber(metres / 1000, lang, 1)} km`;
}
