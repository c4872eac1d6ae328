import { PortNum } from '../port-num.js';
import { Telemetry } from '../protobufs.js';
import { protobufDecoder } from './protobuf-decoder.js';

/** TELEMETRY_APP: `Telemetry` (device, environment, power … metrics); stored only in the packet. */
export const telemetryDecoder = protobufDecoder(PortNum.TELEMETRY_APP, Telemetry.TelemetrySchema);
