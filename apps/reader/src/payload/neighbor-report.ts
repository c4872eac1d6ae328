import { fromBinary } from '@bufbuild/protobuf';
import { Mesh } from '@meshview/mesh';
import { PortNum } from '@meshview/mesh/facts';

/** One neighbour a NeighborInfo packet lists, and the SNR (dB) its sender hears it with. */
export interface ReportedNeighbor {
  readonly nodeId: number;
  readonly snr: number;
}

/**
 * The neighbours of a stored NeighborInfo packet (`packet.payload`, a serialized `MeshPacket`);
 * none when it was not decrypted, is of another port or does not parse. Decoded here rather than
 * through the payload cache: a window's thousands of reports would push out the packets the
 * list pages poll.
 */
export function neighborReport(payload: Uint8Array | null): readonly ReportedNeighbor[] {
  if (payload === null) return [];
  try {
    const packet = fromBinary(Mesh.MeshPacketSchema, payload);
    if (packet.payloadVariant.case !== 'decoded') return [];
    const data = packet.payloadVariant.value;
    if (data.portnum !== PortNum.NEIGHBORINFO_APP) return [];
    const info = fromBinary(Mesh.NeighborInfoSchema, data.payload);
    return info.neighbors.map((n) => ({ nodeId: n.nodeId, snr: n.snr }));
  } catch {
    return [];
  }
}
