import { prefetchJson } from '../../lib/api.js';
import { DEFAULT_FILTERS } from './map-filters.js';
import { rememberedFilters } from './map-filters-storage.js';
import { filtersFromQuery } from './map-query.js';

/**
 * Starts loading the nodes `/map` (or, with `kiosk`, `/kiosk`) will show, with the window its
 * address or the remembered filters give, while the shell is still loading: on a big mesh the
 * nodes are the longest wait before the first markers.
 */
export function prefetchMapNodes(kiosk = false): void {
  const query = new URLSearchParams(location.search);
  const filters = filtersFromQuery(query) ?? (kiosk ? DEFAULT_FILTERS : rememberedFilters());
  // The map's useApi takes the answer (see prefetchJson).
  void prefetchJson('api/nodes', { days_active: filters.days });
}
