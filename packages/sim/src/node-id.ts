/** `!%08x`, as Meshtastic spells a node number (written here for the same reason as the keys). */
export function nodeIdOf(nodeNumber: number): string {
  return `!${nodeNumber.toString(16).padStart(8, '0')}`;
}
