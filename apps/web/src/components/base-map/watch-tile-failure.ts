import type * as L from 'leaflet';

/** Tile errors, with no tile loaded, that count as "the tiles cannot load". */
const ERRORS_BEFORE_FAILED = 4;
/** How long a layer may ask for tiles without one loading (a server that never answers). */
const DEFAULT_STALL_MS = 15_000;

/** What {@link watchTileFailure} watches. */
export interface TileFailureWatchProps {
  readonly layer: L.TileLayer;
  /** Called once, the first time a tile loads. */
  readonly onLoaded: () => void;
  /** Called once, when the layer cannot load tiles. */
  readonly onFailed: () => void;
  readonly stallMs?: number;
}

/**
 * Watches a tile layer until it shows its first tile or is found unable to: failed when every
 * tile it asked for so far errored (Leaflet's `load` with errors and no tile), after a few errors
 * with no tile, or when no tile arrives within `stallMs` of the first request (an unreachable
 * server that drops packets). A layer that loaded one tile never counts as failed. Returns the
 * function that stops watching.
 */
export function watchTileFailure(props: TileFailureWatchProps): () => void {
  const { layer } = props;
  let loaded = 0;
  let errors = 0;
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(timer);
    layer.off('tileloadstart', onLoadStart);
    layer.off('tileload', onTileLoad);
    layer.off('tileerror', onTileError);
    layer.off('load', onAllSettled);
  };
  const settle = (outcome: () => void) => {
    if (settled) return;
    settled = true;
    stop();
    outcome();
  };
  const fail = () => {
    if (loaded === 0) settle(props.onFailed);
  };
  const onLoadStart = () => {
    timer ??= setTimeout(fail, props.stallMs ?? DEFAULT_STALL_MS);
  };
  const onTileLoad = () => {
    loaded += 1;
    settle(props.onLoaded);
  };
  const onTileError = () => {
    errors += 1;
    if (errors >= ERRORS_BEFORE_FAILED) fail();
  };
  const onAllSettled = () => {
    if (errors > 0) fail();
  };

  layer.on('tileloadstart', onLoadStart);
  layer.on('tileload', onTileLoad);
  layer.on('tileerror', onTileError);
  layer.on('load', onAllSettled);
  return stop;
}
