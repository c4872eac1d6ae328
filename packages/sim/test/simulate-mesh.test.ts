import { describe, expect, it } from 'vitest';
import { createKeyRing, interpretEnvelope, type PacketRecord } from '@meshview/mesh';
import {
  BROADCAST,
  SIM_SECONDARY_KEY_BASE64,
  simulateMesh,
  type SimulatedMesh,
} from '../src/index.js';

const NOW_US = 1_780_000_000_000_000;
const HOUR_US = 3_600_000_000;

const bytes = (mesh: SimulatedMesh): string[] =>
  mesh.messages.map((m) => `${m.nowUs} ${m.topic} ${Buffer.from(m.payload).toString('hex')}`);

// One mesh for the tests that only read it: 40 nodes over 48 hours.
const mesh = simulateMesh({ seed: 1, nowUs: NOW_US });
const { record } = mesh;

describe('simulateMesh', () => {
  it('gives the same bytes and record for the same seed, and others for another seed', () => {
    const again = simulateMesh({ seed: 1, nowUs: NOW_US, hours: 6 });
    expect(bytes(again)).toEqual(bytes(simulateMesh({ seed: 1, nowUs: NOW_US, hours: 6 })));
    expect(JSON.stringify(again.record)).toEqual(
      JSON.stringify(simulateMesh({ seed: 1, nowUs: NOW_US, hours: 6 }).record),
    );
    const other = simulateMesh({ seed: 2, nowUs: NOW_US, hours: 6 });
    expect(bytes(other)).not.toEqual(bytes(again));
    expect(other.record.nodes.map((n) => n.num)).not.toEqual(again.record.nodes.map((n) => n.num));
  });

  it('gives a window the packets of a longer window that are sent in it', () => {
    const short = simulateMesh({ seed: 1, nowUs: NOW_US, hours: 2 }).record;
    const sentAt = new Map(record.packets.map((p) => [p.id, p.sentUs]));
    // A packet belongs to the window of what it answers (see simulateMesh).
    const inShort = record.packets.filter((p) => {
      const answered = p.replyId || p.requestId;
      return (
        p.sentUs >= short.startUs && (answered === 0 || sentAt.get(answered)! >= short.startUs)
      );
    });
    expect(JSON.stringify(short.packets)).toEqual(JSON.stringify(inShort));
  });

  it('has the roles, hardware, channels, key kinds and ways of moving of a real mesh', () => {
    expect(record.nodes).toHaveLength(40);
    const roles = new Set(record.nodes.map((n) => n.role));
    for (const role of ['ROUTER', 'CLIENT', 'CLIENT_MUTE', 'CLIENT_BASE', 'TRACKER', 'SENSOR']) {
      expect(roles).toContain(role);
    }
    expect(new Set(record.nodes.map((n) => n.hwModel)).size).toBeGreaterThan(4);
    expect(new Set(record.nodes.map((n) => n.keyKind))).toEqual(
      new Set(['default', 'secondary', 'unknown']),
    );
    expect(new Set(record.nodes.map((n) => n.mobility))).toEqual(
      new Set(['fixed', 'walking', 'driving']),
    );
    const gateways = record.nodes.filter((n) => n.isGateway);
    expect(gateways.length).toBeGreaterThanOrEqual(5);
    expect(gateways.every((g) => g.keyKind === 'default' && g.channel === 'LongFast')).toBe(true);
    expect(new Set(record.nodes.map((n) => n.num)).size).toBe(40);
    expect(new Set(record.nodes.map((n) => n.shortName)).size).toBe(40);
  });

  it('moves mobile nodes and blurs some fixed positions', () => {
    const walker = record.nodes.find((n) => n.mobility === 'walking')!;
    expect(new Set(walker.positions.map((p) => p.latitudeI)).size).toBeGreaterThan(10);
    const fixed = record.nodes.find((n) => n.mobility === 'fixed' && n.positions.length > 2)!;
    expect(new Set(fixed.positions.map((p) => p.latitudeI)).size).toBe(1);
    const blurred = record.nodes.flatMap((n) => n.positions).filter((p) => p.precisionBits < 32);
    expect(blurred.length).toBeGreaterThan(0);
    // Inside the default map bounds (the Bay Area).
    for (const p of record.nodes.flatMap((n) => n.positions)) {
      expect(p.latitudeI / 1e7).toBeGreaterThan(36);
      expect(p.latitudeI / 1e7).toBeLessThan(39);
      expect(p.longitudeI / 1e7).toBeGreaterThan(-123);
      expect(p.longitudeI / 1e7).toBeLessThan(-121);
    }
  });

  it('sends every kind of packet, replies to messages it sent, and answers traceroutes', () => {
    const kinds = new Set(record.packets.map((p) => p.content.kind));
    expect(kinds).toEqual(
      new Set(['text', 'position', 'nodeinfo', 'telemetry', 'traceroute', 'neighborinfo']),
    );
    const byId = new Map(record.packets.map((p) => [p.id, p]));
    expect(byId.size).toBe(record.packets.length);
    const replies = record.packets.filter((p) => p.replyId !== 0);
    expect(replies.length).toBeGreaterThan(20);
    // What a reply answers was sent, but no gateway may have heard it (then it is not here).
    const answered = replies.map((reply) => byId.get(reply.replyId)).filter((p) => p !== undefined);
    expect(answered.length / replies.length).toBeGreaterThan(0.8);
    for (const original of answered) expect(original.content.kind).toBe('text');
    const direct = record.packets.filter((p) => p.content.kind === 'text' && p.to !== BROADCAST);
    expect(direct.length).toBeGreaterThan(5);
    const answers = record.packets.filter(
      (p) => p.content.kind === 'traceroute' && !p.wantResponse,
    );
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) {
      const request = byId.get(answer.requestId);
      if (request) {
        expect(request.wantResponse).toBe(true);
        expect([request.from, request.to]).toEqual([answer.to, answer.from]);
      }
      const c = answer.content as Extract<typeof answer.content, { kind: 'traceroute' }>;
      expect(c.snrTowards).toHaveLength(c.route.length + 1);
      expect(c.snrBack).toHaveLength(c.routeBack.length + 1);
    }
    expect(
      answers.some((a) => (a.content as { readonly route: readonly number[] }).route.length > 0),
    ).toBe(true);
    const neighbors = record.packets.filter((p) => p.content.kind === 'neighborinfo');
    expect(
      neighbors.some(
        (p) => (p.content as { readonly neighbors: readonly unknown[] }).neighbors.length > 0,
      ),
    ).toBe(true);
  });

  it('has one node announce two public keys', () => {
    const twoKeys = record.nodes.filter((n) => n.publicKeys.length === 2);
    expect(twoKeys).toHaveLength(1);
    expect(record.nodes.filter((n) => n.publicKeys.length > 2)).toHaveLength(0);
  });

  it('has each packet reported by gateways that uplink its channel, within its hop limit, in the window', () => {
    const nodes = new Map(record.nodes.map((n) => [n.num, n]));
    let several = 0;
    // Checked by hand and listed, not by an expect per reception (there are 60,000).
    const wrong: string[] = [];
    for (const p of record.packets) {
      if (p.receptions.length === 0) wrong.push(`${p.id}: no reception`);
      if (p.receptions.length >= 2) several += 1;
      for (const r of p.receptions) {
        const own = r.gateway === p.from;
        const ok =
          nodes.get(r.gateway)!.gatewayChannels.includes(p.channel) &&
          r.hopLimit >= 0 &&
          r.hopLimit <= r.hopStart &&
          r.importUs >= p.sentUs &&
          r.importUs < NOW_US &&
          r.topic === `msh/US/bayarea/2/e/${p.channel}/${r.gatewayId}` &&
          (own
            ? r.rxSnr === 0 && r.rxRssi === 0
            : r.rxRssi < -60 &&
              r.rxSnr >= -20 &&
              r.rxSnr <= 12 &&
              r.rxSnr * 4 === Math.round(r.rxSnr * 4));
        if (!ok) wrong.push(`${p.id} at ${r.gatewayId}: ${JSON.stringify(r)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(several / record.packets.length).toBeGreaterThan(0.7);
    expect(record.packets.every((p) => p.sentUs >= record.startUs && p.sentUs < NOW_US)).toBe(true);
    const times = mesh.messages.map((m) => m.nowUs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(mesh.messages).toHaveLength(record.packets.reduce((n, p) => n + p.receptions.length, 0));
  });

  it('is what packages/mesh decodes, given the secondary key: contents, and which are sealed', () => {
    const keyRing = createKeyRing([SIM_SECONDARY_KEY_BASE64]);
    const first = new Map<number, PacketRecord>();
    for (const m of mesh.messages) {
      const result = interpretEnvelope(m.topic, m.payload, {
        keyRing,
        skipNodeIds: new Set(),
        nowUs: m.nowUs,
      });
      if (result.kind !== 'packet') throw new Error(`${m.topic}: ${result.kind}`);
      if (!first.has(result.record.packet.id)) first.set(result.record.packet.id, result.record);
    }
    expect(first.size).toBe(record.packets.length);
    for (const p of record.packets) {
      const got = first.get(p.id)!;
      expect(got.decryption).toBe(p.decodable ? 'decrypted' : 'undecryptable');
      expect(got.packet.from_node_id).toBe(p.from);
      expect(got.packet.channel).toBe(p.channel);
      if (!p.decodable) continue;
      expect(got.packet.portnum).toBe(p.portnum);
      if (p.content.kind === 'text') expect(got.decoded?.value).toBe(p.content.text);
      if (p.content.kind === 'position') {
        expect(got.decoded?.value).toMatchObject({
          latitudeI: p.content.latitudeI,
          longitudeI: p.content.longitudeI,
        });
      }
      if (p.content.kind === 'telemetry' && 'device' in p.content) {
        // Floats are float32 on the wire.
        const float32 = Object.fromEntries(
          Object.entries(p.content.device).map(([k, v]: [string, number]) => [k, Math.fround(v)]),
        );
        expect(got.decoded?.value).toMatchObject({ deviceMetrics: float32 });
      }
    }
    expect(record.packets.some((p) => p.keyKind === 'secondary' && p.decodable)).toBe(true);
    expect(record.packets.some((p) => !p.decodable)).toBe(true);
  });

  it('sends more often with a higher pace', () => {
    const calm = simulateMesh({ seed: 1, nowUs: NOW_US, hours: 1 }).record.packets.length;
    const busy = simulateMesh({ seed: 1, nowUs: NOW_US, hours: 1, pace: 20 }).record.packets.length;
    expect(busy).toBeGreaterThan(calm * 10);
    expect(busy / 3600).toBeGreaterThan(0.5);
  });

  it('refuses a node count it cannot plan', () => {
    expect(() => simulateMesh({ seed: 1, nowUs: NOW_US, nodeCount: 3 })).toThrow(RangeError);
  });

  it('is reproducible across the clock: the same seed at another time gives the same nodes', () => {
    const later = simulateMesh({ seed: 1, nowUs: NOW_US + 5 * HOUR_US, hours: 1 }).record;
    expect(later.nodes.map((n) => [n.num, n.longName])).toEqual(
      record.nodes.map((n) => [n.num, n.longName]),
    );
  });
});
