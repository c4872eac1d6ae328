import { PortNum } from '../port-num.js';
import { Mesh } from '../protobufs.js';
import { protobufDecoder } from './protobuf-decoder.js';

/** ROUTING_APP: `Routing` (ACKs and errors); stored only in the packet. */
export const routingDecoder = protobufDecoder(PortNum.ROUTING_APP, Mesh.RoutingSchema);
