import type { NodeUpsert, PacketRecord, PacketSeenRow } from './envelope-result.js';

/** The largest value of the schema's `integer` columns (PostgreSQL's `integer` is 32-bit). */
const INTEGER_MAX = 0x7fff_ffff;

const NUL = '\u0000';

/** Text without U+0000, which PostgreSQL refuses in a text column. */
function text<T extends string | undefined>(value: T): T {
  return (value?.includes(NUL) ? value.replaceAll(NUL, '') : value) as T;
}

/** A uint32 from the packet for an `integer` column: null past its range. */
function integer(value: number | null): number | null {
  return value !== null && value > INTEGER_MAX ? null : value;
}

function fitSeen(seen: PacketSeenRow): PacketSeenRow {
  const hopLimit = integer(seen.hop_limit);
  const hopStart = integer(seen.hop_start);
  const channel = text(seen.channel);
  const topic = text(seen.topic);
  return hopLimit === seen.hop_limit &&
    hopStart === seen.hop_start &&
    channel === seen.channel &&
    topic === seen.topic
    ? seen
    : { ...seen, hop_limit: hopLimit, hop_start: hopStart, channel, topic };
}

/** The node fields that are text. */
const NODE_TEXT = ['long_name', 'short_name', 'hw_model', 'firmware', 'role', 'channel'] as const;

function fitNode(node: NodeUpsert): NodeUpsert {
  const bitsOutOfRange = (node.precision_bits ?? 0) > INTEGER_MAX;
  if (!bitsOutOfRange && !NODE_TEXT.some((key) => node[key]?.includes(NUL))) return node;
  const out: { -readonly [K in keyof NodeUpsert]: NodeUpsert[K] } = { ...node };
  for (const key of NODE_TEXT) if (out[key] !== undefined) out[key] = text(out[key]);
  if (bitsOutOfRange) delete out.precision_bits;
  return out;
}

/**
 * A record as both databases can store it, the same on each: text without NUL characters and no
 * uint32 past an `integer` column's range (a hop count of four billion is damage, not a hop
 * count: null). PostgreSQL refused such a record, which was then dropped there and kept on
 * SQLite; a real name with a NUL in it would have been lost on PostgreSQL only.
 */
export function fitToColumns(record: PacketRecord): PacketRecord {
  const channel = text(record.packet.channel);
  const seen = record.seen && fitSeen(record.seen);
  const nodes = record.nodes.map(fitNode);
  const same =
    channel === record.packet.channel &&
    seen === record.seen &&
    nodes.every((node, i) => node === record.nodes[i]);
  return same ? record : { ...record, packet: { ...record.packet, channel }, seen, nodes };
}
