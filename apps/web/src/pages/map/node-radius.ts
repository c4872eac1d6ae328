/** Roles that carry the mesh: drawn bigger, as MeshView draws routers. */
const INFRASTRUCTURE_ROLES = new Set(['ROUTER', 'ROUTER_LATE', 'ROUTER_CLIENT', 'REPEATER']);

/**
 * A node marker's radius in pixels by its role: 9 for routers and repeaters, 7 for the rest
 * (MeshView's sizes).
 */
export function nodeRadius(role: string | null): number {
  return role !== null && INFRASTRUCTURE_ROLES.has(role.toUpperCase()) ? 9 : 7;
}
