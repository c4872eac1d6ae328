import { hexId } from '../../lib/format.js';

/** A node's name for people: its long name, else its short name, else its `!hex` id. */
export function nodeLabel(
  num: number,
  names: { readonly long_name?: string | null; readonly short_name?: string | null } = {},
): string {
  return names.long_name || names.short_name || hexId(num);
}
