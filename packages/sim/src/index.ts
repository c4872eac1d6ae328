/**
 * A simulated mesh: real Meshtastic `ServiceEnvelope`s, encrypted with the channel key as
 * gateways publish them to MQTT, and deterministic traffic made of them, for the tests, the
 * benchmarks and the demo. Envelopes are built with the protobuf library and encrypted with
 * node:crypto, independently of packages/mesh's decoding, so that they test it.
 */
export { buildEnvelope, buildPacket, envelopeBytes } from './build-envelope.js';
export { expectedChannelHash } from './channel-hash.js';
export { encryptData, type DataInit, type EncryptionSpec } from './encrypt-data.js';
export {
  BROADCAST,
  DEFAULT_FROM,
  DEFAULT_GATEWAY,
  type EnvelopeOptions,
  type EnvelopeSpec,
} from './envelope-spec.js';
export { DEFAULT_KEY, SECRET_KEY } from './keys.js';
export type { MeshMessage } from './mesh-message.js';
export {
  meshTraffic,
  TRAFFIC_NODES,
  type TrafficManifest,
  type TrafficMessage,
  type TrafficNode,
} from './mesh-traffic.js';
export { nodeIdOf } from './node-id.js';
export { freshPacketId } from './packet-id.js';
export { PORT } from './port.js';
export {
  mapReportEnvelope,
  neighborInfoEnvelope,
  nodeInfoEnvelope,
  pkiEnvelope,
  positionEnvelope,
  routeDiscoveryBytes,
  routingEnvelope,
  telemetryEnvelope,
  textEnvelope,
  tracerouteEnvelope,
  type PortEnvelope,
} from './port-envelopes.js';
export { randomTraffic, type RandomTrafficOptions } from './random-traffic.js';
export { seededRandom } from './seeded-random.js';
export type {
  KeyKind,
  MeshRecord,
  Mobility,
  SimContent,
  SimDeviceMetrics,
  SimEnvironmentMetrics,
  SimNeighbor,
  SimNode,
  SimPacket,
  SimPosition,
  SimReception,
  SimTelemetry,
  SimulatedMesh,
} from './simulated-mesh/mesh-record.js';
export {
  SIM_CHANNELS,
  SIM_SECONDARY_CHANNEL,
  SIM_SECONDARY_KEY_BASE64,
  type SimChannel,
} from './simulated-mesh/sim-channels.js';
export { simulateMesh, type SimulateMeshOptions } from './simulated-mesh/simulate-mesh.js';
export { topicFor } from './topic-for.js';
