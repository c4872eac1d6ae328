import type { Node } from '@meshview/api';
import { BROADCAST_NUM, formatNumber, hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { graphLayout } from './graph-layout.js';
import type { TraceLink, TraceRoute } from './trace-route.js';

const RADIUS = 16;

/** A node's label in the graph: its short name, else the end of its `!hex` id. */
function shortLabel(id: number, node: Node | null | undefined): string {
  if (id === BROADCAST_NUM) return '?';
  return node?.short_name?.trim() || hexId(id).slice(-4);
}

/** `(x, y)` moved `by` units towards `(tx, ty)`: a curve's end brought out of its node. */
function towards(x: number, y: number, tx: number, ty: number, by: number): [number, number] {
  const length = Math.hypot(tx - x, ty - y) || 1;
  return [x + ((tx - x) / length) * by, y + ((ty - y) / length) * by];
}

/**
 * The route as a small SVG graph, for hops without positions: the forward path along the top
 * (requester on the left), return-only nodes below, each link a curve with an arrow head and its
 * SNR. Each link's path carries `data-from`, `data-to`, `data-direction` and `data-snr`, as on
 * the map.
 */
export function TraceGraph(props: {
  route: TraceRoute;
  links: readonly TraceLink[];
  names: ReadonlyMap<number, Node | null>;
  label: string;
}) {
  const { t, lang } = useI18n();
  const layout = graphLayout(props.route, props.links);
  return (
    <div class="trace-graph">
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        style={{ maxWidth: `${layout.width * 1.2}px` }}
        role="img"
        aria-label={props.label}
      >
        <defs>
          {(['forward', 'return'] as const).map((direction) => (
            <marker
              key={direction}
              id={`trace-arrow-${direction}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" class={`trace-arrow trace-arrow-${direction}`} />
            </marker>
          ))}
        </defs>
        {layout.links.map((link, i) => {
          const [x1, y1] = towards(link.x1, link.y1, link.cx, link.cy, RADIUS + 2);
          const [x2, y2] = towards(link.x2, link.y2, link.cx, link.cy, RADIUS + 3);
          // The curve's middle (t = ½ of a quadratic Bézier).
          const mx = 0.25 * link.x1 + 0.5 * link.cx + 0.25 * link.x2;
          const my = 0.25 * link.y1 + 0.5 * link.cy + 0.25 * link.y2;
          return (
            <g key={i}>
              <path
                class={`trace-link trace-link-${link.direction}`}
                d={`M ${x1} ${y1} Q ${link.cx} ${link.cy} ${x2} ${y2}`}
                marker-end={`url(#trace-arrow-${link.direction})`}
                data-from={link.from}
                data-to={link.to}
                data-direction={link.direction}
                data-snr={link.snr === null ? 'unknown' : String(link.snr)}
              />
              <text
                class="trace-link-snr"
                x={mx}
                y={my + (link.direction === 'forward' ? -4 : 12)}
                text-anchor="middle"
              >
                {link.snr === null ? '?' : `${formatNumber(link.snr, lang, 2)} dB`}
              </text>
            </g>
          );
        })}
        {layout.nodes.map((node) => (
          <g key={node.id} class={`trace-node trace-node-${node.role}`} data-node-id={node.id}>
            <title>
              {t('traceroute', `map_${node.role}`, {
                name: props.names.get(node.id)?.long_name?.trim() || hexId(node.id),
              })}
            </title>
            <circle cx={node.x} cy={node.y} r={RADIUS} />
            <text x={node.x} y={node.y + RADIUS + 16} text-anchor="middle">
              {shortLabel(node.id, props.names.get(node.id))}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
