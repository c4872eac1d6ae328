import type { Packet } from '@meshview/api';
import { PortNum } from '@meshview/mesh/facts';

/** The `seq N` messages `/api/packets?portnum=1` leaves out, as MeshView does. */
const SEQ_MESSAGE = /^seq \d+$/;

/**
 * Whether a packet that arrived live belongs in a node's packet table as its filters stand:
 * sent by or to the node, at or after the "since" bound, on the chosen port; the same rules as
 * the table's `/api/packets?node_id=&since=&portnum=` request.
 */
export function belongsInNodeTable(
  packet: Packet,
  nodeId: number,
  filters: { readonly sinceUs: number | undefined; readonly port: number | null },
): boolean {
  if (packet.from_node_id !== nodeId && packet.to_node_id !== nodeId) return false;
  if (filters.sinceUs !== undefined) {
    if (packet.import_time_us === null || packet.import_time_us <= filters.sinceUs) return false;
  }
  if (filters.port === null) return true;
  if (packet.portnum !== filters.port) return false;
  return !(filters.port === PortNum.TEXT_MESSAGE_APP && SEQ_MESSAGE.test(packet.payload));
}
