import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { buildEnvelope } from './build-envelope.js';
import { DEFAULT_FROM, type EnvelopeOptions } from './envelope-spec.js';
import { nodeIdOf } from './node-id.js';
import { PORT } from './port.js';
import { Mesh, Mqtt, Telemetry } from '@meshview/mesh';

/** A builder of one port's envelopes from the fields of the port's protobuf message. */
export type PortEnvelope<Desc extends DescMessage> = (
  message: MessageInitShape<Desc>,
  options?: EnvelopeOptions,
) => Uint8Array;

const messageBytes = <Desc extends DescMessage>(
  schema: Desc,
  message: MessageInitShape<Desc>,
): Uint8Array => toBinary(schema, create(schema, message));

/** The builder of `portnum` envelopes whose payload is a `schema` message. */
function portEnvelope<Desc extends DescMessage>(
  portnum: number,
  schema: Desc,
  defaults: EnvelopeOptions = {},
): PortEnvelope<Desc> {
  return (message, options = {}) =>
    buildEnvelope({ ...defaults, ...options, portnum, payload: messageBytes(schema, message) });
}

/** A TEXT_MESSAGE_APP envelope. */
export function textEnvelope(text: string, options: EnvelopeOptions = {}): Uint8Array {
  return buildEnvelope({
    ...options,
    portnum: PORT.TEXT_MESSAGE_APP,
    payload: Buffer.from(text, 'utf8'),
  });
}

/** A POSITION_APP envelope. */
export const positionEnvelope = portEnvelope(PORT.POSITION_APP, Mesh.PositionSchema);

/** A NODEINFO_APP envelope. */
export const nodeInfoEnvelope = portEnvelope(PORT.NODEINFO_APP, Mesh.UserSchema);

/** A TELEMETRY_APP envelope. */
export const telemetryEnvelope = portEnvelope(PORT.TELEMETRY_APP, Telemetry.TelemetrySchema);

/** A TRACEROUTE_APP envelope (a request unless `wantResponse: false`). */
export const tracerouteEnvelope = portEnvelope(PORT.TRACEROUTE_APP, Mesh.RouteDiscoverySchema, {
  wantResponse: true,
});

/** A NEIGHBORINFO_APP envelope. */
export const neighborInfoEnvelope = portEnvelope(PORT.NEIGHBORINFO_APP, Mesh.NeighborInfoSchema);

/** A ROUTING_APP envelope. */
export const routingEnvelope = portEnvelope(PORT.ROUTING_APP, Mesh.RoutingSchema);

/** The serialized `RouteDiscovery` a traceroute carries. */
export function routeDiscoveryBytes(
  route: MessageInitShape<typeof Mesh.RouteDiscoverySchema>,
): Uint8Array {
  return messageBytes(Mesh.RouteDiscoverySchema, route);
}

/**
 * A MAP_REPORT_APP envelope as `MQTT::perhapsReportToMap` publishes it to `<root>/2/map/`: sent
 * in the clear, to broadcast, with the node as its own gateway.
 */
export function mapReportEnvelope(
  report: MessageInitShape<typeof Mqtt.MapReportSchema>,
  options: EnvelopeOptions = {},
): Uint8Array {
  const from = options.from ?? DEFAULT_FROM;
  return buildEnvelope({
    encryption: 'plain',
    gatewayId: nodeIdOf(from),
    ...options,
    from,
    portnum: PORT.MAP_REPORT_APP,
    payload: messageBytes(Mqtt.MapReportSchema, report),
  });
}

/**
 * A PKI direct message as a gateway uplinks it: AES-CCM ciphertext (fixed bytes here) on
 * channel 0, `channel_id` `PKI`, flagged `pki_encrypted`, to one node.
 */
export function pkiEnvelope(options: EnvelopeOptions = {}): Uint8Array {
  return buildEnvelope({
    to: 0x0badcafe,
    channelId: 'PKI',
    channel: 0,
    pkiEncrypted: true,
    ciphertext: Uint8Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 0xff),
    ...options,
    portnum: PORT.TEXT_MESSAGE_APP,
    payload: new Uint8Array(),
  });
}
