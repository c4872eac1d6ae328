/**
 * The colours of a traceroute's drawing: the forward path orange (as the map's traceroute
 * links), the return path violet; the requester blue, the destination red, relays grey. Fixed
 * colours, as Leaflet writes them into SVG attributes (where CSS variables do not work).
 */
export const TRACE_COLORS = {
  forward: '#ea580c',
  return: '#7c3aed',
  requester: '#0b62c4',
  destination: '#c81e1e',
  relay: '#6b7280',
} as const;
