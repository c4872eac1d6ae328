import type { DescMessage } from '@bufbuild/protobuf';
import { PAYLOAD_DECODERS } from './payload-decoders.js';

/**
 * The protobuf message each port we decode carries, by portnum: MeshView's `DECODE_MAP` without
 * TEXT_MESSAGE_APP (text, not protobuf), read off the decoders.
 *
 * @example fromBinary(PORT_SCHEMAS.get(PortNum.POSITION_APP)!, payload)
 */
export const PORT_SCHEMAS: ReadonlyMap<number, DescMessage> = new Map(
  [...PAYLOAD_DECODERS.values()].flatMap((decoder) =>
    decoder.schema === undefined ? [] : [[decoder.portnum, decoder.schema] as const],
  ),
);
