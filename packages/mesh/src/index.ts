export { aesCtr, packetNonce } from './aes-ctr.js';
export { BROADCAST_NODE } from './broadcast-node.js';
export { channelHash, xorHash } from './channel-hash.js';
export { DEFAULT_KEY_BASE64, defaultKey } from './default-key.js';
export type {
  DecodedPayload,
  Decryption,
  EnvelopeResult,
  NodeUpsert,
  PacketRecord,
  PacketRow,
  PacketSeenRow,
  PublicKeyRow,
  SkipReason,
  TracerouteRow,
} from './envelope-result.js';
export { hwModelName, hwModelNumber, portName, roleName } from './enum-names.js';
export { KeyError, MeshError, type MeshErrorCode } from './errors.js';
export { expandKey } from './expand-key.js';
export { interpretEnvelope, type InterpretContext } from './interpret-envelope.js';
export { createKeyRing, type KeyCandidates, type KeyRing, type RingKey } from './key-ring.js';
export { formatNodeId, isNodeNumber, parseNodeId } from './node-id.js';
export { parseKey } from './parse-key.js';
export { parseTopic, type ParsedTopic } from './parse-topic.js';
export { decodePayload } from './payloads/decode-payload.js';
export type { DataFields } from './payloads/dispatch-payload.js';
export { PORT_SCHEMAS } from './payloads/port-schemas.js';
export { PortNum } from './port-num.js';
export {
  FULL_PRECISION_BITS,
  positionPrecisionBits,
  precisionCellDegrees,
} from './position-precision.js';
export { Admin, Config, Mesh, Mqtt, Portnums, Telemetry } from './protobufs.js';
