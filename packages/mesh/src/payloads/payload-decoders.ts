import { mapReportDecoder } from './map-report.decoder.js';
import { neighborinfoDecoder } from './neighborinfo.decoder.js';
import { nodeinfoDecoder } from './nodeinfo.decoder.js';
import type { PayloadDecoder } from './payload-decoder.js';
import { positionDecoder } from './position.decoder.js';
import { routingDecoder } from './routing.decoder.js';
import { telemetryDecoder } from './telemetry.decoder.js';
import { textMessageDecoder } from './text-message.decoder.js';
import { tracerouteDecoder } from './traceroute.decoder.js';

/** The decoder of each port we read, by portnum (MeshView's `DECODE_MAP`). */
export const PAYLOAD_DECODERS: ReadonlyMap<number, PayloadDecoder<unknown>> = new Map(
  [
    textMessageDecoder,
    positionDecoder,
    nodeinfoDecoder,
    routingDecoder,
    telemetryDecoder,
    tracerouteDecoder,
    neighborinfoDecoder,
    mapReportDecoder,
  ].map((decoder): [number, PayloadDecoder<unknown>] => [decoder.portnum, decoder]),
);
