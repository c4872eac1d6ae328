import { safeStorage } from '../../lib/i18n.js';
import { DEFAULT_FILTERS, isDefaultFilters, mapDays, type MapFilters } from './map-filters.js';

const STORAGE_KEY = 'meshview.map.filters';

/** The filters the visitor left the map with (localStorage), else the defaults. */
export function rememberedFilters(): MapFilters {
  let saved: unknown;
  try {
    saved = JSON.parse(safeStorage()?.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return DEFAULT_FILTERS;
  }
  if (typeof saved !== 'object' || saved === null) return DEFAULT_FILTERS;
  const value = saved as Record<string, unknown>;
  const hidden = Array.isArray(value.hiddenChannels) ? value.hiddenChannels : [];
  return {
    days: mapDays(value.days) ?? DEFAULT_FILTERS.days,
    role: typeof value.role === 'string' && value.role !== '' ? value.role : null,
    gatewaysOnly: value.gatewaysOnly === true,
    hiddenChannels: hidden.filter((c): c is string => typeof c === 'string'),
  };
}

/** Remembers the filters for the next visit; the defaults are forgotten instead. */
export function rememberFilters(filters: MapFilters): void {
  const storage = safeStorage();
  try {
    if (isDefaultFilters(filters)) storage?.removeItem(STORAGE_KEY);
    else storage?.setItem(STORAGE_KEY, JSON.stringify(filters));
  } catch {
    // A full or refused storage: the filters hold for this visit only.
  }
}
