import { copyBytes } from '../byte-slab.js';
import { PortNum } from '../port-num.js';
import { Mesh } from '../protobufs.js';
import { protobufDecoder } from './protobuf-decoder.js';

/**
 * TRACEROUTE_APP: `RouteDiscovery` (SNRs are dB × 4). Every gateway's report of it gets a
 * `traceroute` row with the raw payload, as MeshView stores it; `done` marks replies. A payload
 * that does not parse gets no row (its packet is still stored).
 */
export const tracerouteDecoder = protobufDecoder(
  PortNum.TRACEROUTE_APP,
  Mesh.RouteDiscoverySchema,
  (_route, { packetId, gatewayNodeId, wantResponse, payload, nowUs }) => ({
    traceroute: {
      packet_id: packetId,
      gateway_node_id: gatewayNodeId,
      done: !wantResponse,
      // A plain copy, so the row holds neither the whole MQTT message nor a Buffer subclass.
      route: copyBytes(payload),
      import_time_us: nowUs,
    },
  }),
);
