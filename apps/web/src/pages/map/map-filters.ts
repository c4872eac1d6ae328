import type { MapNode } from './map-node.js';

/** What the map shows: nodes active in a window, of some channels, of a role, gateways only. */
export interface MapFilters {
  /** Nodes seen in the last so many days (`/api/nodes?days_active=`). */
  readonly days: number;
  /** One role (`ROUTER`), or `null` for every role. */
  readonly role: string | null;
  readonly gatewaysOnly: boolean;
  /** Channels left out (`''` is the unknown channel); a channel seen later is shown. */
  readonly hiddenChannels: readonly string[];
}

/** The windows offered, in days; MeshView's map shows 3. */
export const MAP_DAYS = [1, 3, 7, 30] as const;

/** Everything active in the last 3 days, as MeshView's map. */
export const DEFAULT_FILTERS: MapFilters = {
  days: 3,
  role: null,
  gatewaysOnly: false,
  hiddenChannels: [],
};

/** Whether the map draws `node` under `filters` (the window is the API's). */
export function passesFilters(node: MapNode, filters: MapFilters): boolean {
  if (filters.gatewaysOnly && !node.gateway) return false;
  if (filters.role !== null && (node.role ?? '').toUpperCase() !== filters.role.toUpperCase()) {
    return false;
  }
  return !filters.hiddenChannels.includes(node.channel);
}

/** Whether `filters` are the defaults (nothing to reset). */
export function isDefaultFilters(filters: MapFilters): boolean {
  return (
    filters.days === DEFAULT_FILTERS.days &&
    filters.role === null &&
    !filters.gatewaysOnly &&
    filters.hiddenChannels.length === 0
  );
}

/** `value` as a window the page offers, else `undefined`. */
export function mapDays(value: unknown): number | undefined {
  const days = typeof value === 'string' ? Number(value) : value;
  return MAP_DAYS.find((d) => d === days);
}
