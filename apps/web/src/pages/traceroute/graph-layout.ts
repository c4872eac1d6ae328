import type { TraceLink, TraceRoute } from './trace-route.js';

/** A node of the graph, placed: `x` and `y` in the drawing's units. */
export interface GraphNode {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly role: 'requester' | 'destination' | 'relay';
}

/** A link of the graph: a curve from `(x1, y1)` to `(x2, y2)` bent through `(cx, cy)`. */
export interface GraphLink extends TraceLink {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly cx: number;
  readonly cy: number;
}

/** The graph drawn: its size, nodes and links. */
export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly GraphNode[];
  readonly links: readonly GraphLink[];
}

/** Units between columns and between the two rows, the margin around, and how far links bend. */
export const COLUMN = 110;
export const ROW = 110;
export const MARGIN = 50;
const BEND = 22;

/**
 * A small layered layout of a traceroute: the forward path from left (the requester) to right
 * (the destination) along the top row; the return path's nodes that are not on it along a second
 * row, in the order the reply passed them (right to left). Every link bends to its left, so a
 * link and its way back between the same two nodes never lie on each other: the forward path's
 * links bend up, the return path's down.
 */
export function graphLayout(route: TraceRoute, links: readonly TraceLink[]): GraphLayout {
  const forward = route.forward?.nodes ?? [];
  const back = route.back?.nodes ?? [];
  const columns = Math.max(forward.length, back.length, 1);
  const placed = new Map<number, { x: number; y: number }>();
  const xAt = (column: number) => MARGIN + column * COLUMN;
  forward.forEach((id, i) => {
    if (!placed.has(id)) placed.set(id, { x: xAt(i), y: MARGIN });
  });
  // Return-only nodes: spread over the width, from the destination's side to the requester's.
  const span = Math.max(columns - 1, 1);
  let secondRow = false;
  back.forEach((id, j) => {
    if (placed.has(id)) return;
    const along = back.length > 1 ? j / (back.length - 1) : 0;
    placed.set(id, { x: xAt(span * (1 - along)), y: MARGIN + ROW });
    secondRow = true;
  });
  // Ends of the route the paths do not reach (a request still on its way): its destination.
  if (route.destination !== null && !placed.has(route.destination)) {
    placed.set(route.destination, { x: xAt(columns), y: MARGIN });
  }
  const right = Math.max(...[...placed.values()].map((p) => p.x), MARGIN);
  const nodes: GraphNode[] = [...placed].map(([id, p]) => ({
    id,
    ...p,
    role: id === route.requester ? 'requester' : id === route.destination ? 'destination' : 'relay',
  }));
  const graphLinks = links.flatMap((link): GraphLink[] => {
    const a = placed.get(link.from);
    const b = placed.get(link.to);
    if (!a || !b) return [];
    const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    // The left-hand side of the direction of travel, on a screen whose y grows downwards.
    const left = { x: (b.y - a.y) / length, y: -(b.x - a.x) / length };
    return [
      {
        ...link,
        x1: a.x,
        y1: a.y,
        x2: b.x,
        y2: b.y,
        cx: (a.x + b.x) / 2 + left.x * BEND,
        cy: (a.y + b.y) / 2 + left.y * BEND,
      },
    ];
  });
  return {
    width: right + MARGIN,
    height: MARGIN * 2 + (secondRow ? ROW : 0),
    nodes,
    links: graphLinks,
  };
}
