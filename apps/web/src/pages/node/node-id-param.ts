import { isNodeNumber, parseNodeId } from '@meshview/mesh/facts';

/**
 * The node number a `/node/{id}` path names: decimal as MeshView links it (`185270274`), or
 * `!0b0b0002` or `0x0b0b0002` as people copy it; `null` for anything else.
 */
export function nodeIdParam(text: string): number | null {
  const trimmed = text.trim();
  let value: number | null = null;
  if (/^\d{1,10}$/.test(trimmed)) value = Number(trimmed);
  else if (/^0x[0-9a-f]{1,8}$/i.test(trimmed)) value = Number.parseInt(trimmed.slice(2), 16);
  else value = parseNodeId(trimmed);
  return value !== null && isNodeNumber(value) ? value : null;
}
