import type { Packet } from '@meshview/api';
import type { PayloadCache } from '../../payload/payload-cache.js';
import type { PacketListRow } from '../../queries/packet.queries.js';

/**
 * One packet as `/api/packets` shows it (and as the event stream's `data` carries it), its fields
 * in the response schema's order, its payload rendered (once, through `payloads`).
 */
export function packetJson(row: PacketListRow, payloads: PayloadCache): Packet {
  const rendered = payloads.render(row);
  return {
    id: row.id,
    import_time_us: row.import_time_us,
    channel: row.channel,
    from_node_id: row.from_node_id,
    to_node_id: row.to_node_id,
    portnum: row.portnum,
    long_name: row.long_name,
    to_long_name: row.to_long_name,
    payload: rendered.text,
    decoded: rendered.decoded,
    ...(rendered.replyId !== null ? { reply_id: rendered.replyId } : {}),
    ...(rendered.wantResponse ? { want_response: true } : {}),
  };
}
