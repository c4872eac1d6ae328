/**
 * `@meshview/mesh/facts`: the Meshtastic protocol's facts that the writer, the reader and the web
 * pages share, without the decoding machinery; safe for the browser (no Node module, no
 * `Buffer`, no library; checked by test/facts.test.ts). The enum names come from the Meshtastic
 * schemas, through tables generated from them (src/enum-tables.ts).
 */
export { BROADCAST_NODE } from './broadcast-node.js';
export { hwModelName, hwModelNumber, portName, roleName } from './enum-names.js';
export { formatNodeId, isNodeNumber, parseNodeId } from './node-id.js';
export { PortNum } from './port-num.js';
export {
  FULL_PRECISION_BITS,
  positionPrecisionBits,
  precisionCellDegrees,
} from './position-precision.js';
