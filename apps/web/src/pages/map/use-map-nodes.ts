import { useMemo } from 'preact/hooks';
import type { NodesResponse } from '@meshview/api';
import { useApi, type ApiState } from '../../lib/api.js';
import { channelColors } from './channel-colors.js';
import { passesFilters, type MapFilters } from './map-filters.js';
import { mapNodes, type MapNode } from './map-node.js';

/** The nodes of the map's window, and what the page derives from them. */
export interface MapNodes {
  readonly state: ApiState<NodesResponse>;
  /** Every node of the window with a position, by node id. */
  readonly placed: ReadonlyMap<number, MapNode>;
  /** Those the filters let through; `null` while loading. */
  readonly shown: readonly MapNode[] | null;
  /** How many nodes of the window have no position. */
  readonly unplaced: number;
  /** A colour for each channel of the window's nodes. */
  readonly colors: ReadonlyMap<string, string>;
  /** The channels of the placed nodes, in colour order, with how many nodes each. */
  readonly channels: readonly { readonly name: string; readonly count: number }[];
  /** The roles of the placed nodes, sorted. */
  readonly roles: readonly string[];
  /** A node's long name (or short name) if the window has it. */
  readonly nameOf: (nodeId: number) => string | null;
}

/** `/api/nodes?days_active=` for the filters' window, placed and filtered for the map. */
export function useMapNodes(filters: MapFilters): MapNodes {
  const state = useApi<NodesResponse>('api/nodes', { days_active: filters.days });
  const rows = state.data?.nodes;
  const derived = useMemo(() => {
    const all = mapNodes(rows ?? []);
    const placed = new Map(all.map((node) => [node.nodeId, node]));
    const colors = channelColors(all.map((node) => node.channel));
    const counts = new Map<string, number>();
    for (const node of all) counts.set(node.channel, (counts.get(node.channel) ?? 0) + 1);
    const channels = [...colors.keys()]
      .filter((name) => counts.has(name))
      .map((name) => ({ name, count: counts.get(name)! }));
    const roles = [...new Set(all.map((node) => node.role).filter((r): r is string => !!r))].sort();
    const names = new Map<number, string>();
    for (const row of rows ?? []) {
      const name = row.long_name || row.short_name;
      if (row.node_id !== null && name) names.set(row.node_id, name);
    }
    return {
      all,
      placed,
      colors,
      channels,
      roles,
      unplaced: (rows?.length ?? 0) - all.length,
      nameOf: (nodeId: number) => names.get(nodeId) ?? null,
    };
  }, [rows]);
  const shown = useMemo(
    () => (rows === undefined ? null : derived.all.filter((node) => passesFilters(node, filters))),
    [derived, filters],
  );
  return { state, shown, ...derived };
}
