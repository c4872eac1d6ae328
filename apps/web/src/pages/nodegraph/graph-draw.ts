import type { Graph, GraphLine, GraphView } from './graph-model.js';
import { ROLE_GROUPS, roleGroup, roleRadius } from './role-style.js';
import { SNR_BANDS, UNKNOWN_SNR_COLOR, snrBucket } from './snr-scale.js';

/** Screen = layout × scale + (tx, ty), in CSS pixels. */
export interface ViewTransform {
  readonly scale: number;
  readonly tx: number;
  readonly ty: number;
}

/** Everything one frame draws. */
export interface DrawState {
  readonly graph: Graph;
  readonly view: GraphView;
  readonly positions: Float32Array;
  readonly transform: ViewTransform;
  /** The chosen node's index, -1 for none: its links stand out, the rest fade. */
  readonly selected: number;
  /** CSS pixels and the device's pixel ratio. */
  readonly width: number;
  readonly height: number;
  readonly ratio: number;
  /**
   * A gesture is moving the view: links are drawn plainly (solid, opaque, one device pixel
   * wide; one-way links keep their arrowheads), which a canvas without a GPU rasterises several
   * times faster than dashed, translucent, wider lines. The full drawing follows when it rests.
   */
  readonly moving?: boolean;
  /** The theme's colours (background, text, muted). */
  readonly colors: { readonly bg: string; readonly fg: string; readonly muted: string };
}

const BUCKET_COLORS = [...SNR_BANDS.map((b) => b.color), UNKNOWN_SNR_COLOR];
/** Names are written from this zoom on, for at most this many nodes in sight. */
const LABEL_SCALE = 1.6;
const MAX_LABELS = 300;

/**
 * Draws a frame: links by SNR colour (one stroke per colour and style), one-way links dashed
 * with an arrowhead at their `to`, then the nodes by role, then names when zoomed in. Lines
 * and nodes out of sight are skipped. Returns how many lines and nodes it drew.
 */
export function drawGraph(
  ctx: CanvasRenderingContext2D,
  state: DrawState,
): { lines: number; nodes: number } {
  const { positions: p, transform: t, ratio, width, height, selected, view, graph } = state;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = state.colors.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.setTransform(ratio * t.scale, 0, 0, ratio * t.scale, ratio * t.tx, ratio * t.ty);
  const margin = 20 / t.scale;
  const x0 = -t.tx / t.scale - margin;
  const y0 = -t.ty / t.scale - margin;
  const x1 = (width - t.tx) / t.scale + margin;
  const y1 = (height - t.ty) / t.scale + margin;
  const inSight = (i: number) => {
    const x = p[2 * i]!;
    const y = p[2 * i + 1]!;
    return x >= x0 && x <= x1 && y >= y0 && y <= y1;
  };
  // The part of a line in sight (Liang–Barsky), so that a long dashed line zoomed in costs its
  // visible dashes only; null when none of it is.
  const clipped = { ax: 0, ay: 0, bx: 0, by: 0 };
  const clip = (l: GraphLine): typeof clipped | null => {
    const ax = p[2 * l.a]!;
    const ay = p[2 * l.a + 1]!;
    const dx = p[2 * l.b]! - ax;
    const dy = p[2 * l.b + 1]! - ay;
    let t0 = 0;
    let t1 = 1;
    // Each side of the view in turn: q is the line's pace towards outside, r the room left.
    for (let side = 0; side < 4; side += 1) {
      const q = side === 0 ? -dx : side === 1 ? dx : side === 2 ? -dy : dy;
      const r = side === 0 ? ax - x0 : side === 1 ? x1 - ax : side === 2 ? ay - y0 : y1 - ay;
      if (q === 0) {
        if (r < 0) return null;
        continue;
      }
      const u = r / q;
      if (q < 0) {
        if (u > t1) return null;
        if (u > t0) t0 = u;
      } else {
        if (u < t0) return null;
        if (u < t1) t1 = u;
      }
    }
    clipped.ax = ax + t0 * dx;
    clipped.ay = ay + t0 * dy;
    clipped.bx = ax + t1 * dx;
    clipped.by = ay + t1 * dy;
    return clipped;
  };

  const focus = selected >= 0;
  const mine = (l: GraphLine) => l.a === selected || l.b === selected;
  const lines = bucketed(view);
  let drawnLines = 0;
  const stroke = (lines: readonly DrawnLine[], alpha: number, widthPx: number) => {
    const plain = state.moving === true;
    ctx.globalAlpha = plain && alpha > 0.5 ? 1 : alpha;
    ctx.lineWidth = (plain ? Math.min(widthPx, 1 / ratio) : widthPx) / t.scale;
    for (let bucket = 0; bucket < BUCKET_COLORS.length; bucket += 1) {
      for (const oneWay of [false, true]) {
        ctx.beginPath();
        let any = false;
        for (const l of lines) {
          if (l.oneWay !== oneWay || l.bucket !== bucket) continue;
          const c = clip(l);
          if (c === null) continue;
          ctx.moveTo(c.ax, c.ay);
          ctx.lineTo(c.bx, c.by);
          any = true;
          drawnLines += 1;
        }
        if (!any) continue;
        ctx.strokeStyle = BUCKET_COLORS[bucket]!;
        ctx.setLineDash(oneWay && !plain ? [6 / t.scale, 4 / t.scale] : []);
        ctx.stroke();
        if (oneWay) arrows(lines, bucket, widthPx);
      }
    }
    ctx.setLineDash([]);
  };
  const arrows = (lines: readonly DrawnLine[], bucket: number, widthPx: number) => {
    ctx.beginPath();
    const size = (4 + widthPx * 2) / t.scale;
    for (const l of lines) {
      if (!l.oneWay || l.bucket !== bucket || !inSight(l.b)) continue;
      const ax = p[2 * l.a]!;
      const ay = p[2 * l.a + 1]!;
      const bx = p[2 * l.b]!;
      const by = p[2 * l.b + 1]!;
      const len = Math.hypot(bx - ax, by - ay);
      if (len * t.scale < 14) continue;
      const ux = (bx - ax) / len;
      const uy = (by - ay) / len;
      const back = (roleRadius(graph.nodes[l.b]!.role) + 2) / t.scale;
      const tipX = bx - ux * back;
      const tipY = by - uy * back;
      ctx.moveTo(tipX, tipY);
      ctx.lineTo(tipX - ux * size - uy * size * 0.6, tipY - uy * size + ux * size * 0.6);
      ctx.lineTo(tipX - ux * size + uy * size * 0.6, tipY - uy * size - ux * size * 0.6);
      ctx.closePath();
    }
    ctx.fillStyle = BUCKET_COLORS[bucket]!;
    ctx.fill();
  };
  if (focus) {
    stroke(
      lines.filter((l) => !mine(l)),
      0.15,
      1.2,
    );
    stroke(lines.filter(mine), 1, 3);
  } else {
    stroke(lines, 0.85, 1.4);
  }
  ctx.globalAlpha = 1;

  // Nodes by role colour; with a node chosen, only it and its neighbours at full strength.
  const near = new Set<number>();
  if (focus) {
    near.add(selected);
    for (const l of view.lines) if (mine(l)) near.add(l.a === selected ? l.b : l.a);
  }
  let drawnNodes = 0;
  const visible: number[] = [];
  for (let i = 0; i < graph.nodes.length; i += 1) {
    if (view.shown[i] && inSight(i)) visible.push(i);
  }
  for (const group of ROLE_GROUPS) {
    for (const faded of focus ? [true, false] : [false]) {
      ctx.beginPath();
      let any = false;
      for (const i of visible) {
        const node = graph.nodes[i]!;
        if (roleGroup(node.role) !== group || (focus && near.has(i) === faded)) continue;
        const r = roleRadius(node.role) / t.scale;
        ctx.moveTo(p[2 * i]! + r, p[2 * i + 1]!);
        ctx.arc(p[2 * i]!, p[2 * i + 1]!, r, 0, Math.PI * 2);
        any = true;
        drawnNodes += 1;
      }
      if (!any) continue;
      ctx.globalAlpha = faded ? 0.3 : 1;
      ctx.fillStyle = group.color;
      ctx.fill();
      ctx.lineWidth = 1 / t.scale;
      ctx.strokeStyle = state.colors.bg;
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
  if (focus && view.shown[selected]) {
    const r = (roleRadius(graph.nodes[selected]!.role) + 4) / t.scale;
    ctx.beginPath();
    ctx.arc(p[2 * selected]!, p[2 * selected + 1]!, r, 0, Math.PI * 2);
    ctx.lineWidth = 2.5 / t.scale;
    ctx.strokeStyle = state.colors.fg;
    ctx.stroke();
  }

  // Names in screen space, so that they keep their size at any zoom.
  const labelled = focus ? visible.filter((i) => near.has(i)) : visible;
  if (t.scale >= LABEL_SCALE || (focus && labelled.length <= 60)) {
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = state.colors.bg;
    ctx.fillStyle = state.colors.fg;
    for (const i of labelled.slice(0, MAX_LABELS)) {
      const node = graph.nodes[i]!;
      const name = node.shortName ?? `!${node.num.toString(16).padStart(8, '0')}`;
      const sx = p[2 * i]! * t.scale + t.tx + roleRadius(node.role) + 3;
      const sy = p[2 * i + 1]! * t.scale + t.ty;
      ctx.strokeText(name, sx, sy);
      ctx.fillText(name, sx, sy);
    }
  }
  return { lines: drawnLines, nodes: drawnNodes };
}

/** A line with its colour's index, worked out once per view rather than once per frame. */
type DrawnLine = GraphLine & { readonly bucket: number };
const bucketedViews = new WeakMap<GraphView, readonly DrawnLine[]>();

function bucketed(view: GraphView): readonly DrawnLine[] {
  let lines = bucketedViews.get(view);
  if (lines === undefined) {
    lines = view.lines.map((l) => ({ ...l, bucket: snrBucket(l.snr) }));
    bucketedViews.set(view, lines);
  }
  return lines;
}

/** The transform that shows the shown nodes of `positions` inside `width`×`height`. */
export function fitTransform(
  positions: Float32Array,
  shown: Uint8Array,
  width: number,
  height: number,
  padding = 24,
): ViewTransform {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < shown.length; i += 1) {
    if (!shown[i]) continue;
    minX = Math.min(minX, positions[2 * i]!);
    maxX = Math.max(maxX, positions[2 * i]!);
    minY = Math.min(minY, positions[2 * i + 1]!);
    maxY = Math.max(maxY, positions[2 * i + 1]!);
  }
  if (minX === Infinity) return { scale: 1, tx: width / 2, ty: height / 2 };
  const scale = Math.min(
    4,
    (width - 2 * padding) / Math.max(maxX - minX, 1),
    (height - 2 * padding) / Math.max(maxY - minY, 1),
  );
  return {
    scale,
    tx: width / 2 - ((minX + maxX) / 2) * scale,
    ty: height / 2 - ((minY + maxY) / 2) * scale,
  };
}
