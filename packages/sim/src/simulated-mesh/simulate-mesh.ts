import { buildPacket, envelopeBytes } from '../build-envelope.js';
import type { TrafficMessage } from '../mesh-traffic.js';
import { contentPayload } from './content-payload.js';
import { hearPacket } from './hear-packet.js';
import type { MeshRecord, SimPacket, SimulatedMesh } from './mesh-record.js';
import { packetIdAt } from './packet-id-at.js';
import { planMesh } from './plan-mesh.js';
import { RadioModel } from './radio-model.js';
import { RadioSnapshot } from './radio-snapshot.js';
import { recordNodes } from './record-nodes.js';
import { routineSends } from './routine-sends.js';
import { routines } from './schedule.js';
import type { Send } from './send.js';
import { SIM_CHANNELS } from './sim-channels.js';

const HOUR_US = 3_600_000_000;

/** `Data.bitfield` bit 0, OK_TO_MQTT: the sender lets its packets be uplinked (firmware 2.5+). */
const OK_TO_MQTT = 1;

/** What {@link simulateMesh} is told. */
export interface SimulateMeshOptions {
  /** The same seed gives the same mesh and the same bytes. */
  readonly seed: number;
  /** The window's end (µs since the epoch). */
  readonly nowUs: number;
  /** How many nodes; 40 by default (6 to 500; time grows with the square of it). */
  readonly nodeCount?: number;
  /** The window's length in hours; 48 by default. */
  readonly hours?: number;
  /**
   * How many times more often than a real mesh every node sends (positions, telemetry,
   * messages, …); 1 by default. The demo's live traffic uses about 20, a packet a second.
   */
  readonly pace?: number;
  /** The gateways' topic root; `msh/US/bayarea` by default. */
  readonly root?: string;
}

/**
 * A simulated Meshtastic mesh over the `hours` before `nowUs`: a few dozen nodes around the San
 * Francisco Bay (routers on the hills, nodes in the towns, some walking or driving) that send
 * positions (some blurred to fewer `precision_bits`), node info, device and environment
 * telemetry, messages with replies and direct messages, traceroutes and neighbour info; mostly
 * on LongFast with the default key, a hiking group on `Hikers` (`SIM_SECONDARY_KEY_BASE64`) and
 * a private group whose key the writer never has; one node's number is announced with a second
 * public key. Every packet is heard over the radio links the nodes' positions give, and each
 * gateway that uplinks its channel and heard it reports it: one encrypted `ServiceEnvelope` per
 * report, in time order, plus the record of all of it.
 *
 * Each packet is drawn from its moment alone, so a window is the same as that part of a longer
 * window (a packet and its answers belong to the window of the first), and the ids, one per
 * millisecond of sending, never repeat across windows.
 *
 * @example
 * const { messages, record } = simulateMesh({ seed: 1, nowUs: Date.now() * 1000 });
 * for (const m of messages) pipeline.handle(m.topic, m.payload);
 */
export function simulateMesh(options: SimulateMeshOptions): SimulatedMesh {
  const { seed, nowUs, nodeCount = 40, hours = 48, pace = 1, root = 'msh/US/bayarea' } = options;
  if (!(hours > 0) || !(pace > 0)) throw new RangeError('hours and pace must be positive');
  const nodes = planMesh(seed, nodeCount);
  const model = new RadioModel(seed, nodes);
  const startUs = nowUs - Math.round(hours * HOUR_US);
  const sends: Send[] = routines(seed, nodes, startUs, nowUs, pace)
    .flatMap((routine) => routineSends(seed, model, routine, pace))
    .filter((send) => send.timeUs < nowUs)
    .sort((a, b) => a.timeUs - b.timeUs || a.node - b.node);

  const sentIds = new Set<number>();
  const packets: SimPacket[] = [];
  const messages: TrafficMessage[] = [];
  let lastMs = -1;
  for (const send of sends) {
    const id = packetIdAt(seed, send.timeUs);
    // One packet a millisecond (ids are the milliseconds); an answer needs what it answers.
    if (id === null || send.timeUs === lastMs) continue;
    const answered = send.answers === null ? 0 : packetIdAt(seed, send.answers.timeUs);
    if (answered === null || (answered !== 0 && !sentIds.has(answered))) continue;
    lastMs = send.timeUs;
    sentIds.add(id);

    const node = nodes[send.node]!;
    const channel = SIM_CHANNELS[node.keyKind];
    const radio = new RadioSnapshot(
      model,
      send.timeUs,
      send.at && { index: send.node, at: send.at },
    );
    const receptions = hearPacket(radio, {
      seed,
      id,
      sender: send.node,
      channel: channel.name,
      sentUs: send.timeUs,
      untilUs: nowUs,
      root,
    });
    if (receptions.length === 0) continue;
    const { portnum, payload } = contentPayload(send.content);
    const requestId = send.answers?.field === 'requestId' ? answered : 0;
    const replyId = send.answers?.field === 'replyId' ? answered : 0;
    const packet = buildPacket({
      portnum,
      payload,
      wantResponse: send.wantResponse,
      requestId,
      replyId,
      bitfield: OK_TO_MQTT,
      id,
      from: node.num,
      to: send.to,
      channelId: channel.name,
      encryption: channel.key,
    });
    for (const r of receptions) {
      // One packet, encrypted once; each report carries its gateway's reception fields.
      packet.rxTime = r.rxTime;
      packet.rxSnr = r.rxSnr;
      packet.rxRssi = r.rxRssi;
      packet.hopStart = r.hopStart;
      packet.hopLimit = r.hopLimit;
      const payload = envelopeBytes(packet, channel.name, r.gatewayId);
      messages.push({ topic: r.topic, payload, nowUs: r.importUs });
    }
    packets.push({
      id,
      from: node.num,
      to: send.to,
      portnum,
      channel: channel.name,
      keyKind: node.keyKind,
      decodable: node.keyKind !== 'unknown',
      sentUs: send.timeUs,
      wantResponse: send.wantResponse,
      requestId,
      replyId,
      content: send.content,
      receptions,
    });
  }
  // Stable: reports of one moment keep the order of their packets.
  messages.sort((a, b) => a.nowUs - b.nowUs);
  const record: MeshRecord = {
    seed,
    startUs,
    nowUs,
    root,
    nodes: recordNodes(nodes, packets),
    packets,
  };
  return { nowUs, messages, record };
}
