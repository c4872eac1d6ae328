/** Roles that relay for others, drawn bigger (as MeshView sizes its graph's nodes by role). */
const RELAYS = new Set(['ROUTER', 'ROUTER_LATE', 'ROUTER_CLIENT', 'REPEATER']);

/** The roles the legend shows, each with its colour; the rest share the last. */
export const ROLE_GROUPS = [
  { key: 'relay', color: '#c2410c' },
  { key: 'client', color: '#2563eb' },
  { key: 'mute', color: '#0e7490' },
  { key: 'sensor', color: '#7c3aed' },
  { key: 'other', color: '#6b7280' },
] as const;

/** The group a role is drawn as. */
export function roleGroup(role: string): (typeof ROLE_GROUPS)[number] {
  const key = RELAYS.has(role)
    ? 'relay'
    : role === 'CLIENT' || role === 'CLIENT_BASE'
      ? 'client'
      : role === 'CLIENT_MUTE' || role === 'CLIENT_HIDDEN'
        ? 'mute'
        : role === 'SENSOR' ||
            role === 'TRACKER' ||
            role === 'TAK_TRACKER' ||
            role === 'LOST_AND_FOUND'
          ? 'sensor'
          : 'other';
  return ROLE_GROUPS.find((g) => g.key === key)!;
}

/** A node's radius in screen pixels: relays bigger. */
export function roleRadius(role: string): number {
  return RELAYS.has(role) ? 7 : 5;
}
