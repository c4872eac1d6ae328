import { fromBinary, toJson } from '@bufbuild/protobuf';
import { PortNum } from '../port-num.js';
import { Mesh } from '../protobufs.js';
import type { PayloadDecoder } from './payload-decoder.js';

/** ROUTING_APP: `Routing` (ACKs and errors); stored only in the packet. */
export const routingDecoder: PayloadDecoder<Mesh.Routing> = {
  portnum: PortNum.ROUTING_APP,
  parse: (payload) => fromBinary(Mesh.RoutingSchema, payload),
  toValue: (message) => toJson(Mesh.RoutingSchema, message),
};
