/**
 * The page benchmark's traffic: the packets of the benchmark mesh over a window, in time order,
 * each as the writer stores it. Every packet is built as a gateway publishes it (the simulator's
 * envelope builders, encrypted with the channel key) and read back by the writer's own
 * `interpretEnvelope`, so `packet.payload` and `traceroute.route` hold exactly what the writer
 * would store; the other gateways' receptions of it are derived from the first. Deterministic:
 * the same seed gives the same packets.
 */
import {
  createKeyRing,
  hwModelNumber,
  interpretEnvelope,
  roleName,
  type NodeUpsert,
  type PacketRow,
  type PacketSeenRow,
  type TracerouteRow,
} from '@meshview/mesh';
import {
  BROADCAST,
  SECRET_KEY,
  buildEnvelope,
  mapReportEnvelope,
  neighborInfoEnvelope,
  nodeInfoEnvelope,
  positionEnvelope,
  routingEnvelope,
  seededRandom,
  telemetryEnvelope,
  textEnvelope,
  tracerouteEnvelope,
} from '@meshview/sim';
import { PORT_SHARES, pickWeighted } from '../port-mix.js';
import { distanceM, type BenchMesh, type BenchNode } from './bench-mesh.js';

/** One stored packet with its receptions, and what the writer learns from it. */
export interface BenchPacket {
  readonly packet: PacketRow;
  readonly seen: readonly PacketSeenRow[];
  readonly traceroutes: readonly TracerouteRow[];
  /** The `node` upserts the writer makes of it (NODEINFO, POSITION, MAP_REPORT). */
  readonly nodes: readonly NodeUpsert[];
  /** The public key a NODEINFO announced (hex). */
  readonly publicKey: string | null;
}

/** What {@link benchTraffic} makes. */
export interface BenchTrafficSpec {
  readonly seed: number;
  readonly packets: number;
  /** The window's end (µs); packets fall in the `days` before it. */
  readonly nowUs: number;
  readonly days: number;
}

const DAY_US = 86_400_000_000;
const ROOT = 'msh/US/bayarea';
/** Every node announces itself and its position within this last part of the window. */
const RECENT_SHARE = 2 / 7;

const TEXTS = [
  'Good morning mesh!',
  'Anyone copy from the East Bay?',
  'Testing my new antenna on the roof',
  'Heading out for a hike, will check in from the ridge',
  'Fog is rolling in again 🌁',
  'Hola a todos, ¿alguien me escucha?',
  'Copy, loud and clear',
  'Got you 2 hops out',
  'Sí, te escucho bien 👍',
  'Router looks fine from my side',
  'Checking in from the bike trail 🚲',
  'Welcome to the mesh!',
];

const ROLE_NUMBERS = new Map(Array.from({ length: 16 }, (_, n) => [roleName(n), n] as const));

/** The packets of `mesh` over the window, oldest first, handed to `emit` one by one. */
export function benchTraffic(
  mesh: BenchMesh,
  spec: BenchTrafficSpec,
  emit: (packet: BenchPacket) => void,
): void {
  const random = seededRandom(spec.seed ^ 0x5eed);
  const { nodes } = mesh;
  const keyRing = createKeyRing([]);
  const startUs = spec.nowUs - spec.days * DAY_US;
  const stepUs = (spec.days * DAY_US) / spec.packets;

  // Who sends: by weight (binary search over the running sum).
  const cumulative = new Float64Array(nodes.length);
  let total = 0;
  nodes.forEach((n, i) => (cumulative[i] = total += n.weight));
  const sender = (): number => {
    const r = random() * total;
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // Every node's node info and position, somewhere in the recent part of the window, so every
  // node counts as active in the last days.
  const forced = new Map<number, { node: number; portnum: number }>();
  const recentFrom = Math.floor(spec.packets * (1 - RECENT_SHARE));
  if (nodes.length * 2 * 4 > spec.packets - recentFrom) {
    throw new RangeError(
      `${spec.packets} packets are too few for ${nodes.length} nodes to announce themselves`,
    );
  }
  const force = (node: number, portnum: number) => {
    for (;;) {
      const at = recentFrom + Math.floor(random() * (spec.packets - recentFrom - 1));
      if (!forced.has(at) && !forced.has(at + 1)) return forced.set(at, { node, portnum });
    }
  };
  for (const n of nodes) {
    force(n.index, 4);
    if (n.lat !== null) force(n.index, 3);
  }

  const battery = Float64Array.from(nodes, () => 40 + random() * 60);
  let pendingReply: PendingReply | null = null;

  for (let i = 0; i < spec.packets; i += 1) {
    const timeUs = Math.round(startUs + (i + 0.05 + random() * 0.9) * stepUs);
    const id = Number((BigInt(i + 1) * 2_654_435_761n) % 4_294_967_291n);
    const f = forced.get(i);
    // The answer to the traceroute sent just before (unless this slot is taken).
    const reply: PendingReply | null = f === undefined ? pendingReply : null;
    pendingReply = null;
    const from: number = reply?.to ?? f?.node ?? sender();
    let portnum = reply ? 70 : (f?.portnum ?? pickWeighted(random, PORT_SHARES));
    const node: BenchNode = nodes[from]!;
    if (portnum === 3 && node.lat === null) portnum = 67;
    if (portnum === 73 && node.lat === null) portnum = 4;

    let envelope: Uint8Array;
    let to = BROADCAST;
    const channelId = node.channel;
    const options = () => ({
      id,
      from: node.num,
      to,
      channelId,
      gatewayId: nodeId(node.num),
      rxTime: Math.floor(timeUs / 1e6),
      hopStart: 3,
      hopLimit: 3,
    });

    if (reply) {
      // From the traceroute's destination back to its requester, the same way round.
      const { request, from: requester, via } = reply;
      to = nodes[requester]!.num;
      envelope = tracerouteEnvelope(
        {
          route: [nodes[via]!.num],
          snrTowards: [snr4(random), snr4(random)],
          routeBack: [nodes[via]!.num],
          snrBack: [snr4(random), snr4(random)],
        },
        { ...options(), wantResponse: false, requestId: request },
      );
    } else if (portnum === 0) {
      // A channel whose key the writer lacks: stored sealed, as port 0.
      const ciphertext = Uint8Array.from({ length: 12 + Math.floor(random() * 60) }, () =>
        Math.floor(random() * 256),
      );
      envelope = buildEnvelope({
        ...options(),
        portnum: 1,
        payload: new Uint8Array(),
        ciphertext,
        encryption: SECRET_KEY,
      });
    } else if (portnum === 1) {
      if (random() < 0.12) to = nodes[node.neighbours[0] ?? 0]!.num;
      envelope = textEnvelope(TEXTS[Math.floor(random() * TEXTS.length)]!, options());
    } else if (portnum === 3) {
      const n = node;
      const jitter = n.mobile ? 0.01 : 0;
      const lat = n.lat! + (random() - 0.5) * jitter;
      const lon = n.lon! + (random() - 0.5) * jitter;
      envelope = positionEnvelope(
        {
          latitudeI: blur(Math.round(lat * 1e7), n.precisionBits),
          longitudeI: blur(Math.round(lon * 1e7), n.precisionBits),
          altitude: n.altitude,
          time: Math.floor(timeUs / 1e6),
          precisionBits: n.precisionBits,
        },
        options(),
      );
    } else if (portnum === 4) {
      const n = node;
      envelope = nodeInfoEnvelope(
        {
          id: nodeId(n.num),
          longName: n.longName,
          shortName: n.shortName,
          hwModel: hwModelNumber(n.hwModel) ?? 0,
          role: ROLE_NUMBERS.get(n.role) ?? 0,
          publicKey: Buffer.from(n.publicKey, 'hex'),
        },
        options(),
      );
    } else if (portnum === 5) {
      to = nodes[node.neighbours[0] ?? 0]!.num;
      envelope = routingEnvelope({ variant: { case: 'errorReason', value: 0 } }, options());
    } else if (portnum === 67) {
      const n = node;
      const time = Math.floor(timeUs / 1e6);
      if (n.environment && random() < 0.35) {
        const hourOfDay = ((timeUs / 3_600_000_000) % 24) / 24;
        envelope = telemetryEnvelope(
          {
            time,
            variant: {
              case: 'environmentMetrics',
              value: {
                temperature: round1(14 + 7 * Math.sin(2 * Math.PI * (hourOfDay - 0.35)) + random()),
                relativeHumidity: round1(
                  55 + 20 * Math.cos(2 * Math.PI * hourOfDay) + random() * 4,
                ),
                barometricPressure: round1(1012 + random() * 6),
              },
            },
          },
          options(),
        );
      } else {
        const powered = n.busy || n.role.startsWith('ROUTER');
        battery[from] = powered
          ? 101
          : Math.min(100, Math.max(5, battery[from]! + (random() - 0.55) * 3));
        envelope = telemetryEnvelope(
          {
            time,
            variant: {
              case: 'deviceMetrics',
              value: {
                batteryLevel: Math.round(battery[from]),
                voltage: round2(powered ? 4.2 : 3.3 + battery[from] / 110),
                channelUtilization: round2(n.busy ? 12 + random() * 20 : random() * 15),
                airUtilTx: round2(n.busy ? 2 + random() * 6 : random() * 3),
                uptimeSeconds: Math.floor((timeUs - startUs) / 1e6),
              },
            },
          },
          options(),
        );
      }
    } else if (portnum === 70) {
      const n = node;
      const via = n.neighbours[0];
      const target = via === undefined ? undefined : nodes[via]!.neighbours.find((x) => x !== from);
      if (via === undefined || target === undefined) {
        envelope = textEnvelope(TEXTS[0]!, options());
        portnum = 1;
      } else {
        to = nodes[target]!.num;
        envelope = tracerouteEnvelope(
          { route: [nodes[via]!.num], snrTowards: [snr4(random), snr4(random)] },
          options(),
        );
        pendingReply = { request: id, from, to: target, via };
      }
    } else if (portnum === 71) {
      const n = node;
      const count = Math.min(n.neighbours.length, 3 + Math.floor(random() * 6));
      envelope = neighborInfoEnvelope(
        {
          nodeId: n.num,
          nodeBroadcastIntervalSecs: 900,
          neighbors: n.neighbours
            .slice(0, count)
            .map((x) => ({ nodeId: nodes[x]!.num, snr: snr4(random) / 4 })),
        },
        options(),
      );
    } else {
      const n = node;
      envelope = mapReportEnvelope(
        {
          longName: n.longName,
          shortName: n.shortName,
          role: ROLE_NUMBERS.get(n.role) ?? 0,
          hwModel: hwModelNumber(n.hwModel) ?? 0,
          firmwareVersion: n.firmware,
          region: 1,
          modemPreset: 0,
          hasDefaultChannel: true,
          latitudeI: blur(Math.round(n.lat! * 1e7), n.precisionBits),
          longitudeI: blur(Math.round(n.lon! * 1e7), n.precisionBits),
          altitude: n.altitude,
          positionPrecision: n.precisionBits,
          numOnlineLocalNodes: n.neighbours.length,
        },
        { ...options(), gatewayId: nodeId(n.num) },
      );
    }

    const topic =
      portnum === 73 ? `${ROOT}/2/map/` : `${ROOT}/2/e/${channelId}/${nodeId(node.num)}`;
    const result = interpretEnvelope(topic, envelope, {
      keyRing,
      skipNodeIds: new Set(),
      nowUs: timeUs,
    });
    if (result.kind !== 'packet') {
      throw new Error(`packet ${i} (port ${portnum}) did not store: ${result.kind}`);
    }
    const { record } = result;
    const seen = receptions(node, record.packet, nodes, random, portnum === 73);
    const route = record.traceroute;
    emit({
      packet: record.packet,
      seen,
      traceroutes: route
        ? seen.map((s) => ({
            ...route,
            gateway_node_id: s.node_id,
            import_time_us: s.import_time_us,
          }))
        : [],
      nodes: record.nodes,
      publicKey: record.publicKey?.public_key ?? null,
    });
  }
}

/** A traceroute request whose answer is the next packet. */
interface PendingReply {
  readonly request: number;
  readonly from: number;
  readonly to: number;
  readonly via: number;
}

/** The gateways that report a node's packets: its nearest, itself first when it is one. */
function receivers(node: BenchNode, random: () => number): number[] {
  const own = node.isGateway ? [node.index] : [];
  const count = Math.max(1, Math.round(1 + random() ** 1.5 * 5));
  return [...own, ...node.gateways.slice(0, count)];
}

/** The receptions of a stored packet: one per gateway that heard it, a few ms apart. */
function receptions(
  sender: BenchNode,
  packet: PacketRow,
  nodes: readonly BenchNode[],
  random: () => number,
  mapReport: boolean,
): PacketSeenRow[] {
  const gateways = mapReport ? [sender.index] : receivers(sender, random);
  return gateways.map((g, k) => {
    const gateway = nodes[g]!;
    const self = g === sender.index;
    const d =
      sender.lat === null || gateway.lat === null
        ? 20_000
        : distanceM(sender.lat, sender.lon!, gateway.lat, gateway.lon!);
    // A router on a hill is heard directly much further away than a node in town.
    const range = sender.busy ? 60_000 : 12_000;
    const hops = self ? 0 : d < range && random() < 0.7 ? 0 : 1 + Math.floor(random() * 3);
    const importUs = packet.import_time_us + k * 27_000;
    return {
      packet_id: packet.id,
      node_id: gateway.num,
      rx_time: Math.floor(importUs / 1e6),
      hop_limit: 3 - hops,
      hop_start: 3,
      channel: packet.channel,
      rx_snr: self
        ? 0
        : Math.round(Math.max(-20, Math.min(12, 10 - d / 2500 + random() * 3)) * 4) / 4,
      rx_rssi: self ? 0 : Math.round(Math.max(-130, -45 - d / 400 - random() * 10)),
      topic: mapReport ? `${ROOT}/2/map/` : `${ROOT}/2/e/${packet.channel}/${nodeId(gateway.num)}`,
      import_time_us: importUs,
    };
  });
}

/** A coordinate (1e-7 degrees) blurred to `bits` of precision, as the firmware sends it. */
function blur(value: number, bits: number): number {
  if (bits >= 32) return value;
  const mask = ~0 << (32 - bits);
  return (value & mask) + (1 << (31 - bits));
}

/** SNR in quarter dB, as traceroutes carry it. */
function snr4(random: () => number): number {
  return Math.round((random() * 24 - 12) * 4);
}

function nodeId(num: number): string {
  return `!${num.toString(16).padStart(8, '0')}`;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
