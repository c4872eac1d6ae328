import { BROADCAST } from '../envelope-spec.js';
import { toE7 } from './geo.js';
import { flood, floodPath, packetSalt, type Flood } from './flood.js';
import { hashUnit } from './hash-unit.js';
import type { SimContent } from './mesh-record.js';
import { deviceMetricsAt, environmentMetricsAt } from './node-state.js';
import type { PlannedNode } from './planned-node.js';
import { quarterDb } from './radio.js';
import type { RadioModel } from './radio-model.js';
import { RadioSnapshot } from './radio-snapshot.js';
import type { Routine } from './schedule.js';
import type { Send } from './send.js';
import { DIRECT, DIRECT_REPLIES, NET_CHECK_IN, OPENERS, pickText, REPLIES } from './texts.js';
import { TOWNS } from './sites.js';
import { positionAt } from './track.js';

const S = 1_000_000;

/** A coordinate reduced to `bits` of precision, as the firmware does: the cell's middle. */
export function blurE7(valueI: number, bits: number): number {
  if (bits >= 32) return valueI;
  return ((valueI & ((0xffffffff << (32 - bits)) | 0)) + (1 << (31 - bits))) | 0;
}

/** What a node's NODEINFO says about it, with `publicKey`. */
function nodeInfo(node: PlannedNode, publicKey: Uint8Array): SimContent {
  const { id, longName, shortName, hwModel, role } = node;
  return {
    kind: 'nodeinfo',
    id,
    longName,
    shortName,
    hwModel,
    role,
    publicKey: Buffer.from(publicKey).toString('hex'),
  };
}

/** The hops of a path between its ends, and each hop's SNR as a traceroute carries it (dB × 4). */
function routeOf(
  radio: RadioSnapshot,
  path: readonly number[],
): { route: number[]; snr: number[] } {
  const route = path.slice(1, -1).map((i) => radio.nodes[i]!.num);
  const snr = path.slice(1).map((to, i) => Math.round(quarterDb(radio.snr(path[i]!, to)) * 4));
  return { route, snr };
}

/** Nodes on `node`'s channel other than itself, among those that `heard` (when given). */
function peers(
  nodes: readonly PlannedNode[],
  node: PlannedNode,
  heard?: Flood,
  chatty = false,
): PlannedNode[] {
  return nodes.filter(
    (p) =>
      p.index !== node.index &&
      p.keyKind === node.keyKind &&
      (!chatty || p.chatty) &&
      (heard === undefined || heard.level[p.index]! > 0),
  );
}

/**
 * The packets a routine sends: the routine's own, and what answers it (replies to a message
 * from nodes that heard it, a direct message's answer, a traceroute's reply when its
 * destination is reachable both ways), drawn from the seed and the moment.
 */
export function routineSends(
  seed: number,
  model: RadioModel,
  routine: Routine,
  pace: number,
): Send[] {
  const { nodes } = model;
  const node = nodes[routine.node]!;
  const t = routine.timeUs;
  const draw = (salt: number): number => hashUnit(seed, node.num, Math.floor(t / 1000), salt);
  const send = (content: SimContent, extra: Partial<Send> = {}): Send => ({
    timeUs: t,
    node: node.index,
    to: BROADCAST,
    content,
    wantResponse: false,
    answers: null,
    ...extra,
  });
  const later = (seconds: number): number =>
    t + Math.max(3 * S, Math.floor((seconds * S) / pace / 1000) * 1000);
  switch (routine.kind) {
    case 'position': {
      const at = positionAt(node.track, t);
      const bits = node.precisionBits;
      const altitude = node.altitude + (node.mobility === 'fixed' ? 0 : Math.round(draw(1) * 20));
      return [
        send({
          kind: 'position',
          latitudeI: blurE7(toE7(at.lat), bits),
          longitudeI: blurE7(toE7(at.lon), bits),
          altitude,
          precisionBits: bits,
          time: Math.floor(t / S),
        }),
      ];
    }
    case 'nodeinfo':
      return [send(nodeInfo(node, node.publicKey))];
    case 'impostor':
      return [send(nodeInfo(node, node.impostor!.publicKey), { at: node.impostor!.at })];
    case 'device':
      return [
        send({
          kind: 'telemetry',
          time: Math.floor(t / S),
          device: deviceMetricsAt(seed, node, t),
        }),
      ];
    case 'environment':
      return [
        send({
          kind: 'telemetry',
          time: Math.floor(t / S),
          environment: environmentMetricsAt(seed, node, t),
        }),
      ];
    case 'neighborinfo': {
      const radio = new RadioSnapshot(model, t);
      const neighbors = nodes
        .filter((p) => radio.hears(p.index, node.index))
        .map((p) => ({ nodeId: p.num, snr: quarterDb(radio.snr(p.index, node.index)) }))
        .sort((a, b) => b.snr - a.snr || a.nodeId - b.nodeId)
        .slice(0, 10);
      return [
        send({
          kind: 'neighborinfo',
          nodeId: node.num,
          nodeBroadcastIntervalSecs: 7200,
          neighbors,
        }),
      ];
    }
    case 'text': {
      const heard = flood(
        new RadioSnapshot(model, t),
        node.index,
        node.hopLimit,
        packetSalt(seed, t),
      );
      const town = TOWNS[Math.floor(draw(2) * TOWNS.length)]!.name;
      const text = draw(1) < 0.12 ? NET_CHECK_IN(town) : pickText(OPENERS, draw(3));
      const out = [send({ kind: 'text', text })];
      const repliers = peers(nodes, node, heard, true);
      const count = repliers.length === 0 ? 0 : draw(4) < 0.4 ? 0 : draw(5) < 0.7 ? 1 : 2;
      let previous = t;
      for (let i = 0; i < count; i++) {
        const replier = repliers[Math.floor(draw(10 + i) * repliers.length)]!;
        const timeUs = later(20 + 200 * draw(20 + i) + i * 60);
        out.push({
          ...send({ kind: 'text', text: pickText(REPLIES, draw(30 + i)) }),
          timeUs,
          node: replier.index,
          answers: { timeUs: i === 0 ? t : previous, field: 'replyId' },
        });
        previous = timeUs;
      }
      return out;
    }
    case 'direct': {
      const others = peers(nodes, node);
      if (others.length === 0) return [];
      const to = others[Math.floor(draw(1) * others.length)]!;
      const out = [send({ kind: 'text', text: pickText(DIRECT, draw(2)) }, { to: to.num })];
      const heard = flood(
        new RadioSnapshot(model, t),
        node.index,
        node.hopLimit,
        packetSalt(seed, t),
      );
      if (heard.level[to.index]! > 0 && draw(3) < 0.6) {
        out.push({
          ...send({ kind: 'text', text: pickText(DIRECT_REPLIES, draw(4)) }, { to: node.num }),
          timeUs: later(30 + 300 * draw(5)),
          node: to.index,
          answers: { timeUs: t, field: 'replyId' },
        });
      }
      return out;
    }
    case 'traceroute': {
      const others = peers(nodes, node);
      if (others.length === 0) return [];
      const target = others[Math.floor(draw(1) * others.length)]!;
      const empty = {
        kind: 'traceroute',
        route: [],
        snrTowards: [],
        routeBack: [],
        snrBack: [],
      } as const;
      const out = [send(empty, { to: target.num, wantResponse: true })];
      const radio = new RadioSnapshot(model, t);
      const there = floodPath(
        flood(radio, node.index, node.hopLimit, packetSalt(seed, t)),
        target.index,
      );
      const back =
        there &&
        floodPath(flood(radio, target.index, target.hopLimit, packetSalt(seed, t) ^ 1), node.index);
      if (there && back) {
        const forward = routeOf(radio, there);
        const reverse = routeOf(radio, back);
        out.push({
          ...send({
            kind: 'traceroute',
            route: forward.route,
            snrTowards: forward.snr,
            routeBack: reverse.route,
            snrBack: reverse.snr,
          }),
          timeUs: t + Math.floor((1.5 * there.length + 0.5 + draw(2)) * 1000) * 1000,
          node: target.index,
          to: node.num,
          answers: { timeUs: t, field: 'requestId' },
        });
      }
      return out;
    }
  }
}
