import { fromBinary, toJson, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import type { PayloadDecoder } from './payload-decoder.js';

/**
 * The decoder of a port whose payload is one protobuf message: parsed with `schema`, shown as its
 * protobuf JSON, with the rows `rows` makes of it (none when not given).
 *
 * @example protobufDecoder(PortNum.ROUTING_APP, Mesh.RoutingSchema)
 */
export function protobufDecoder<Desc extends DescMessage>(
  portnum: number,
  schema: Desc,
  rows?: PayloadDecoder<MessageShape<Desc>>['rows'],
): PayloadDecoder<MessageShape<Desc>> {
  return {
    portnum,
    schema,
    parse: (payload) => fromBinary(schema, payload),
    toValue: (message) => toJson(schema, message),
    ...(rows !== undefined ? { rows } : {}),
  };
}
