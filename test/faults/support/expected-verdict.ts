import { createKeyRing, interpretEnvelope } from '@meshview/mesh';

/** The largest payload the writer reads (its 64 KB PUBLISH limit, less a topic's bytes). */
const READ_WHOLE_BELOW = 60_000;

/** What the writer must make of one message, by its own decoder. */
export type Verdict =
  | { readonly kind: 'malformed' | 'skipped' }
  | {
      readonly kind: 'packet';
      readonly id: number;
      readonly from: number;
      readonly undecryptable: boolean;
    };

/**
 * What the writer (default key only, no skipped nodes) must do with `payload` on `topic`, worked
 * out with the decoder it runs (`interpretEnvelope`, pure): a payload over the writer's publish
 * limit is cut to one byte as it streams in, which is malformed; anything else is what the
 * decoder says. So a bit flip that still leaves a valid packet is expected stored, not counted bad.
 */
export function expectedVerdict(topic: string, payload: Uint8Array): Verdict {
  if (payload.length > READ_WHOLE_BELOW) return MALFORMED;
  const result = interpretEnvelope(topic, payload, { keyRing, skipNodeIds, nowUs: 0 });
  if (result.kind === 'malformed') return MALFORMED;
  if (result.kind === 'skipped') return SKIPPED;
  const { record } = result;
  return {
    kind: 'packet',
    id: record.packet.id,
    from: record.packet.from_node_id,
    undecryptable: record.decryption === 'pki' || record.decryption === 'undecryptable',
  };
}

const keyRing = createKeyRing([]);
const skipNodeIds: ReadonlySet<number> = new Set();
const MALFORMED: Verdict = { kind: 'malformed' };
const SKIPPED: Verdict = { kind: 'skipped' };
