import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useI18n } from '../../lib/i18n.js';
import { drawGraph, fitTransform, type ViewTransform } from './graph-draw.js';
import type { Graph, GraphView } from './graph-model.js';
import { HitGrid } from './hit-grid.js';
import { roleRadius } from './role-style.js';

/** A request to bring a node into the middle of the view (a new `seq` each time). */
export interface FocusRequest {
  readonly node: number;
  readonly seq: number;
}

const MIN_SCALE = 0.02;
const MAX_SCALE = 12;
/** A press that moves less than this (px) is a click, not a drag. */
const CLICK_SLOP = 5;
/** A gesture is over when nothing has moved the view for this long (ms). */
const SETTLE_MS = 150;

/**
 * The graph on a canvas: drawn once per frame when something changed, panned by dragging (one
 * finger on a touch screen), zoomed by the wheel, two fingers or the buttons, about the pointer.
 * A click or tap picks the node under it through a grid (`onSelect(-1)` on empty space). The
 * wrapper says `data-graph-state="ready"` and how many lines and nodes the last frame drew.
 */
export function GraphCanvas(props: {
  graph: Graph;
  view: GraphView;
  positions: Float32Array;
  selected: number;
  focus: FocusRequest | null;
  onSelect: (index: number) => void;
  label: string;
}) {
  const { t } = useI18n();
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const transform = useRef<ViewTransform | null>(null);
  /** The canvas size the transform was last made for (CSS pixels). */
  const size = useRef<{ width: number; height: number } | null>(null);
  const frame = useRef(0);
  const latest = useRef(props);
  latest.current = props;
  const grid = useMemo(
    () => new HitGrid(props.positions, props.view.shown),
    [props.positions, props.view],
  );

  /**
   * While a drag, wheel turn or pinch goes on, frames draw the links plainly (solid, opaque,
   * thin: see `drawGraph`'s `moving`), which a canvas without a GPU rasterises several times
   * faster; the graph is drawn in full once the gesture has rested for {@link SETTLE_MS}.
   */
  const gesture = useRef<{ settle: number } | null>(null);
  /** A full drawing is due (something besides the view's place changed). */
  const fullDue = useRef(true);
  const fullDraws = useRef(0);

  const redraw = (moving = false) => {
    if (moving) {
      const now = gesture.current ?? { settle: 0 };
      clearTimeout(now.settle);
      now.settle = window.setTimeout(() => {
        gesture.current = null;
        redraw();
      }, SETTLE_MS);
      gesture.current = now;
    } else fullDue.current = true;
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = canvas.current;
      const box = wrap.current;
      const ctx = el?.getContext('2d');
      if (!el || !box || !ctx) return;
      const width = el.clientWidth;
      const height = el.clientHeight;
      const ratio = window.devicePixelRatio || 1;
      if (el.width !== Math.round(width * ratio) || el.height !== Math.round(height * ratio)) {
        el.width = Math.round(width * ratio);
        el.height = Math.round(height * ratio);
        fullDue.current = true;
      }
      const { graph, view, positions, selected } = latest.current;
      if (transform.current === null) {
        transform.current = fitTransform(positions, view.shown, width, height);
        size.current = { width, height };
      }
      const started = performance.now();
      const style = getComputedStyle(box);
      const moving = gesture.current !== null && !fullDue.current;
      const drawn = drawGraph(ctx, {
        graph,
        view,
        positions,
        selected,
        transform: transform.current,
        width,
        height,
        ratio,
        moving,
        colors: {
          bg: style.getPropertyValue('--bg-alt').trim() || '#f3f5f7',
          fg: style.getPropertyValue('--fg').trim() || '#1b1f24',
          muted: style.getPropertyValue('--fg-muted').trim() || '#4d5661',
        },
      });
      if (moving) {
        box.dataset.movingDrawMs = (performance.now() - started).toFixed(1);
        return;
      }
      fullDue.current = false;
      // How long the last full drawing took (ms) and how many there were: the benchmark reads
      // them.
      box.dataset.drawMs = (performance.now() - started).toFixed(1);
      box.dataset.fullDraws = String((fullDraws.current += 1));
      box.dataset.drawnLines = String(drawn.lines);
      box.dataset.drawnNodes = String(drawn.nodes);
      box.dataset.graphState = 'ready';
    });
  };

  // A new view (window or channel) is fitted anew; a new selection only redraws.
  useEffect(() => {
    transform.current = null;
    redraw();
  }, [props.positions, props.view]);
  useEffect(() => redraw(), [props.selected]);
  useEffect(() => {
    const { focus, positions } = props;
    const el = canvas.current;
    if (!focus || !el || focus.node < 0) return;
    // Measured now: a resize reported later must not move it again.
    size.current = { width: el.clientWidth, height: el.clientHeight };
    const scale = Math.max(transform.current?.scale ?? 1, 1.8);
    transform.current = {
      scale,
      tx: el.clientWidth / 2 - positions[2 * focus.node]! * scale,
      ty: el.clientHeight / 2 - positions[2 * focus.node + 1]! * scale,
    };
    redraw();
  }, [props.focus]);

  // Size and theme changes redraw; a resize (the panel opening beside the canvas) keeps what
  // was in the middle in the middle.
  useEffect(() => {
    const observer = new ResizeObserver(() => {
      const el = canvas.current;
      if (!el) return;
      const now = { width: el.clientWidth, height: el.clientHeight };
      const was = size.current;
      size.current = now;
      if (was && transform.current) {
        const { scale, tx, ty } = transform.current;
        transform.current = {
          scale,
          tx: tx + (now.width - was.width) / 2,
          ty: ty + (now.height - was.height) / 2,
        };
      }
      redraw();
    });
    if (canvas.current) observer.observe(canvas.current);
    const theme = new MutationObserver(() => redraw());
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      observer.disconnect();
      theme.disconnect();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      clearTimeout(gesture.current?.settle);
      gesture.current = null;
    };
  }, []);

  const zoomAt = (factor: number, sx: number, sy: number) => {
    const now = transform.current;
    if (!now) return;
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, now.scale * factor));
    const k = scale / now.scale;
    transform.current = { scale, tx: sx - (sx - now.tx) * k, ty: sy - (sy - now.ty) * k };
    redraw(gestureZoom.current);
  };
  /** Whether the zoom under way comes from a wheel or a pinch (a button press draws at once). */
  const gestureZoom = useRef(false);
  const zoomCentre = (factor: number) => {
    const el = canvas.current;
    if (el) zoomAt(factor, el.clientWidth / 2, el.clientHeight / 2);
  };

  // Pointers: one drags, two pinch; a short press picks.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const press = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const local = (event: PointerEvent | WheelEvent) => {
    const box = canvas.current!.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const onPointerDown = (event: PointerEvent) => {
    canvas.current?.setPointerCapture(event.pointerId);
    const at = local(event);
    pointers.current.set(event.pointerId, at);
    press.current = pointers.current.size === 1 ? { ...at, moved: false } : null;
  };
  const onPointerMove = (event: PointerEvent) => {
    const before = pointers.current.get(event.pointerId);
    const now = transform.current;
    if (!before || !now) return;
    const at = local(event);
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.entries()];
      const other = a![0] === event.pointerId ? b![1] : a![1];
      const was = Math.hypot(before.x - other.x, before.y - other.y);
      const is = Math.hypot(at.x - other.x, at.y - other.y);
      pointers.current.set(event.pointerId, at);
      gestureZoom.current = true;
      if (was > 0) zoomAt(is / was, (at.x + other.x) / 2, (at.y + other.y) / 2);
      gestureZoom.current = false;
      return;
    }
    pointers.current.set(event.pointerId, at);
    const p = press.current;
    if (p && !p.moved && Math.hypot(at.x - p.x, at.y - p.y) < CLICK_SLOP) return;
    if (p) p.moved = true;
    transform.current = { ...now, tx: now.tx + at.x - before.x, ty: now.ty + at.y - before.y };
    redraw(true);
  };
  const onPointerUp = (event: PointerEvent) => {
    pointers.current.delete(event.pointerId);
    const p = press.current;
    press.current = null;
    const now = transform.current;
    if (!p || p.moved || !now || event.type === 'pointercancel') return;
    const at = local(event);
    const { graph } = latest.current;
    const x = (at.x - now.tx) / now.scale;
    const y = (at.y - now.ty) / now.scale;
    const hit = grid.nearest(x, y, (roleRadius('ROUTER') + 6) / now.scale);
    latest.current.onSelect(hit >= 0 && hit < graph.nodes.length ? hit : -1);
  };
  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const at = local(event);
    gestureZoom.current = true;
    zoomAt(Math.exp(-event.deltaY * 0.002), at.x, at.y);
    gestureZoom.current = false;
  };
  useEffect(() => {
    const el = canvas.current;
    // Not passive: the wheel zooms the graph instead of scrolling the page.
    el?.addEventListener('wheel', onWheel, { passive: false });
    return () => el?.removeEventListener('wheel', onWheel);
  });

  return (
    <div class="graph-canvas-wrap" ref={wrap} data-graph-state="drawing">
      <canvas
        ref={canvas}
        class="graph-canvas"
        role="img"
        aria-label={props.label}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
      <div class="graph-zoom">
        <button
          type="button"
          onClick={() => zoomCentre(1.5)}
          aria-label={t('nodegraph', 'zoom_in')}
        >
          +
        </button>
        <button
          type="button"
          onClick={() => zoomCentre(1 / 1.5)}
          aria-label={t('nodegraph', 'zoom_out')}
        >
          −
        </button>
        <button
          type="button"
          onClick={() => {
            transform.current = null;
            redraw();
          }}
          aria-label={t('nodegraph', 'zoom_fit')}
        >
          ⤢
        </button>
      </div>
    </div>
  );
}
