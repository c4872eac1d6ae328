import type { PayloadCache } from '../../payload/payload-cache.js';
import type { PacketListRow } from '../../queries/packet.queries.js';

/**
 * One packet as `/api/packets` shows it (and as the event stream's `data` carries it), as the
 * JSON text the response schema's serialiser writes: the same members in the same order. The
 * rendered payload is spliced in as the cache keeps it, never parsed or serialised again: for a
 * node's 50 packets that was most of an answer's time.
 */
export function packetJsonText(row: PacketListRow, payloads: PayloadCache): string {
  const head = JSON.stringify({
    id: row.id,
    import_time_us: row.import_time_us,
    channel: row.channel,
    from_node_id: row.from_node_id,
    to_node_id: row.to_node_id,
    portnum: row.portnum,
    long_name: row.long_name,
    to_long_name: row.to_long_name,
  });
  // The head without its `}`: the payload's tail closes the packet.
  return `${head.slice(0, -1)},${payloads.tail(row)}`;
}
