import { fromBinary, toJson } from '@bufbuild/protobuf';
import { PortNum } from '../port-num.js';
import { Telemetry } from '../protobufs.js';
import type { PayloadDecoder } from './payload-decoder.js';

/** TELEMETRY_APP: `Telemetry` (device, environment, power … metrics); stored only in the packet. */
export const telemetryDecoder: PayloadDecoder<Telemetry.Telemetry> = {
  portnum: PortNum.TELEMETRY_APP,
  parse: (payload) => fromBinary(Telemetry.TelemetrySchema, payload),
  toValue: (message) => toJson(Telemetry.TelemetrySchema, message),
};
