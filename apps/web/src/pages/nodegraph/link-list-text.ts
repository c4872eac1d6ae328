import { hexId } from '../../lib/format.js';
import type { GraphNode } from './graph-model.js';

/** A node's name for text: `SHORT Long name`, or its `!hex` id when it never said. */
export function nodeLabel(node: GraphNode | undefined, num: number): string {
  if (!node) return hexId(num);
  const parts = [node.shortName, node.longName].filter((s): s is string => !!s && s.trim() !== '');
  return parts.length > 0 ? parts.join(' ') : hexId(num);
}

/** An SNR as the page writes it: `6.25 dB`, or an en dash when unknown. */
export function snrText(snr: number | null, format: (n: number) => string): string {
  return snr === null ? '–' : `${format(snr)} dB`;
}
