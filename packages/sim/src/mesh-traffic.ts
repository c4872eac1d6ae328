/**
 * A small mesh's traffic: every port the writer decodes, several channels and gateways, direct
 * and broadcast messages, a reply, traceroutes with return paths, a node seen with two public
 * keys, PKI and undecryptable packets, spread over the two days before `nowUs`. The reader's
 * tests store it through the writer's real pipeline and assert against its manifest.
 */
import { HOUR_US } from '@meshview/db';
import type { MeshMessage } from './mesh-message.js';
import { BROADCAST, type EnvelopeOptions } from './envelope-spec.js';
import { SECRET_KEY } from './keys.js';
import { nodeIdOf } from './node-id.js';
import {
  mapReportEnvelope,
  neighborInfoEnvelope,
  nodeInfoEnvelope,
  pkiEnvelope,
  positionEnvelope,
  routingEnvelope,
  telemetryEnvelope,
  textEnvelope,
  tracerouteEnvelope,
} from './port-envelopes.js';
import { topicFor } from './topic-for.js';

/** A node of the traffic, with what its NODEINFO says. */
export interface TrafficNode {
  readonly num: number;
  readonly id: string;
  readonly longName: string;
  readonly shortName: string;
  /** `HardwareModel` number. */
  readonly hwModel: number;
  /** `Config.DeviceConfig.Role` number. */
  readonly role: number;
  readonly channel: string;
}

const node = (
  num: number,
  longName: string,
  shortName: string,
  hwModel: number,
  role: number,
  channel: string,
): TrafficNode => ({ num, id: nodeIdOf(num), longName, shortName, hwModel, role, channel });

/** The nodes: four on LongFast (two of them gateways), two on MediumFast. */
export const TRAFFIC_NODES = {
  alice: node(0x0a11ce01, 'Alice Base', 'ALB', 9 /* RAK4631 */, 0 /* CLIENT */, 'LongFast'),
  bob: node(0x0b0b0002, 'Bob Mobile', 'BOB', 43 /* HELTEC_V3 */, 1 /* CLIENT_MUTE */, 'LongFast'),
  gw1: node(0x6a7e0003, 'Gateway One', 'GW1', 9, 2 /* ROUTER */, 'LongFast'),
  gw2: node(0x6a7e0004, 'Gateway Two', 'GW2', 4 /* TBEAM */, 0, 'LongFast'),
  carol: node(0x0ca20005, 'Carol Hill', 'CAR', 9, 0, 'MediumFast'),
  dave: node(0x0da50006, 'Dave Relay', 'DAV', 999 /* not a known model */, 2, 'MediumFast'),
} as const;

/** One gateway's copy of one envelope, as the writer receives it. */
export interface TrafficMessage extends MeshMessage {
  /** When the writer takes it (µs); becomes `import_time_us`. */
  readonly nowUs: number;
}

/** What the traffic contains, for tests to assert against. */
export interface TrafficManifest {
  readonly nowUs: number;
  readonly messages: readonly TrafficMessage[];
  /** Packet ids by what they are. */
  readonly ids: {
    readonly broadcastText: number;
    readonly reply: number;
    readonly directText: number;
    readonly seqText: number;
    readonly mediumText: number;
    readonly position: number;
    readonly telemetry: number;
    readonly traceroute: number;
    readonly neighborInfo: number;
    readonly routing: number;
    readonly mapReport: number;
    readonly pki: number;
    readonly undecryptable: number;
    readonly oldText: number;
  };
  /** How many gateways reported each packet id. */
  readonly seenCount: ReadonlyMap<number, number>;
}

/**
 * Builds the traffic for a clock at `nowUs` (packet ids start at `firstId`, so two fills of one
 * database do not collide).
 */
export function meshTraffic(nowUs: number, firstId = 0x70000000): TrafficManifest {
  const N = TRAFFIC_NODES;
  const messages: TrafficMessage[] = [];
  const seenCount = new Map<number, number>();
  let nextId = firstId;
  const id = (): number => (nextId += 1);
  const hoursAgo = (h: number): number => nowUs - Math.round(h * HOUR_US);

  /** The envelope heard by each gateway, a few ms apart, at `h` hours ago. */
  const heard = (
    build: (options: EnvelopeOptions) => Uint8Array,
    options: EnvelopeOptions & { readonly id: number },
    gateways: readonly TrafficNode[],
    h: number,
  ): number => {
    gateways.forEach((gateway, i) => {
      const channelId = options.channelId ?? gateway.channel;
      const spec = { ...options, channelId, gatewayId: gateway.id, hopStart: 3, hopLimit: 3 - i };
      messages.push({
        topic: topicFor(spec),
        payload: build(spec),
        nowUs: hoursAgo(h) + i * 1000,
      });
    });
    seenCount.set(options.id, gateways.length);
    return options.id;
  };

  /** A text message from `from` (to broadcast unless `options` say otherwise), heard as above. */
  const said = (
    text: string,
    from: TrafficNode,
    gateways: readonly TrafficNode[],
    h: number,
    options: EnvelopeOptions = {},
  ): number =>
    heard(
      (o) => textEnvelope(text, o),
      { id: id(), from: from.num, to: BROADCAST, ...options },
      gateways,
      h,
    );

  // Every node announces itself, heard by both LongFast gateways or by Dave on MediumFast.
  for (const n of Object.values(N)) {
    const gateways = n.channel === 'LongFast' ? [N.gw1, N.gw2] : [N.dave];
    heard(
      (o) =>
        nodeInfoEnvelope(
          {
            id: n.id,
            longName: n.longName,
            shortName: n.shortName,
            hwModel: n.hwModel,
            role: n.role,
            publicKey: Uint8Array.from({ length: 32 }, (_, i) => (n.num + i) & 0xff),
          },
          o,
        ),
      { id: id(), from: n.num },
      gateways,
      40,
    );
  }
  // Bob is later seen with another public key (the impersonation check's case).
  heard(
    (o) =>
      nodeInfoEnvelope(
        {
          id: N.bob.id,
          longName: N.bob.longName,
          shortName: N.bob.shortName,
          hwModel: N.bob.hwModel,
          role: N.bob.role,
          publicKey: Uint8Array.from({ length: 32 }, (_, i) => (0x99 + i) & 0xff),
        },
        o,
      ),
    { id: id(), from: N.bob.num },
    [N.gw1],
    30,
  );

  const broadcastText = said('Hello mesh, net check-in #weeklynet', N.alice, [N.gw1, N.gw2], 2);
  const reply = said('Copy that, Alice', N.bob, [N.gw1], 1.9, { replyId: broadcastText });
  const directText = said('private: meet at noon', N.alice, [N.gw2], 1.8, { to: N.bob.num });
  const seqText = said('seq 42', N.gw2, [N.gw1], 1.7);
  const mediumText = said('MediumFast hello', N.carol, [N.dave], 1.5);
  const position = heard(
    (o) =>
      positionEnvelope(
        { latitudeI: 377_749_000, longitudeI: -1_224_194_000, altitude: 52, time: 1_760_000_000 },
        o,
      ),
    { id: id(), from: N.alice.num },
    [N.gw1, N.gw2],
    1.2,
  );
  heard(
    (o) => positionEnvelope({ latitudeI: 377_800_000, longitudeI: -1_224_000_000 }, o),
    { id: id(), from: N.carol.num, channelId: 'MediumFast' },
    [N.dave],
    1.1,
  );
  const telemetry = heard(
    (o) =>
      telemetryEnvelope(
        {
          time: 1_760_000_100,
          variant: {
            case: 'deviceMetrics',
            value: { batteryLevel: 87, voltage: 4.05, channelUtilization: 12.5, airUtilTx: 1.25 },
          },
        },
        o,
      ),
    { id: id(), from: N.bob.num },
    [N.gw1],
    1,
  );
  const traceroute = heard(
    (o) =>
      tracerouteEnvelope(
        {
          route: [N.gw1.num, N.gw2.num],
          snrTowards: [24, 16, 8],
          routeBack: [N.gw2.num],
          snrBack: [20, 12],
        },
        { ...o, wantResponse: false, requestId: 0x1234 },
      ),
    { id: id(), from: N.bob.num, to: N.alice.num },
    [N.gw1, N.gw2],
    0.8,
  );
  const neighborInfo = heard(
    (o) =>
      neighborInfoEnvelope(
        {
          nodeId: N.gw1.num,
          nodeBroadcastIntervalSecs: 900,
          neighbors: [
            { nodeId: N.alice.num, snr: 7.5 },
            { nodeId: N.gw2.num, snr: -3.25 },
          ],
        },
        o,
      ),
    { id: id(), from: N.gw1.num },
    [N.gw1, N.gw2],
    0.6,
  );
  const routing = heard(
    (o) => routingEnvelope({ variant: { case: 'errorReason', value: 0 } }, o),
    { id: id(), from: N.alice.num, to: N.bob.num, requestId: directText },
    [N.gw2],
    0.5,
  );
  const mapReport = heard(
    (o) =>
      mapReportEnvelope(
        {
          longName: N.dave.longName,
          shortName: N.dave.shortName,
          hwModel: N.dave.hwModel,
          role: N.dave.role,
          firmwareVersion: '2.7.15.abcdef0',
          region: 1,
          latitudeI: 377_900_000,
          longitudeI: -1_223_900_000,
          numOnlineLocalNodes: 4,
        },
        o,
      ),
    { id: id(), from: N.dave.num },
    [N.dave],
    0.4,
  );
  const pki = heard(
    (o) => pkiEnvelope(o),
    { id: id(), from: N.bob.num, to: N.alice.num, channelId: 'PKI' },
    [N.gw1],
    0.3,
  );
  const undecryptable = said('you cannot read this', N.carol, [N.dave], 0.2, {
    encryption: SECRET_KEY,
    channelId: 'Secret',
  });
  // A message from before the last day (stats windows of one day leave it out).
  const oldText = said('yesterday and then some', N.bob, [N.gw1, N.gw2], 30);

  return {
    nowUs,
    messages,
    seenCount,
    ids: {
      broadcastText,
      reply,
      directText,
      seqText,
      mediumText,
      position,
      telemetry,
      traceroute,
      neighborInfo,
      routing,
      mapReport,
      pki,
      undecryptable,
      oldText,
    },
  };
}
