import { describe, expect, it } from 'vitest';
import { createKeyRing, interpretEnvelope } from '@meshview/mesh';
import { randomTraffic, type MeshMessage } from '../src/index.js';

const text = (messages: readonly MeshMessage[]): string[] =>
  messages.map((m) => `${m.topic} ${Buffer.from(m.payload).toString('hex')}`);

describe('randomTraffic', () => {
  it('gives the same messages for the same seed, and others for another seed', () => {
    expect(text(randomTraffic(300))).toEqual(text(randomTraffic(300)));
    expect(text(randomTraffic(300, { seed: 8 }))).not.toEqual(text(randomTraffic(300)));
  });

  it('publishes under the root it is given, map reports to <root>/2/map/', () => {
    const topics = new Set(randomTraffic(2000, { root: 'msh/EU' }).map((m) => m.topic));
    expect(
      [...topics].every((t) => /^msh\/EU\/2\/(e\/LongFast\/![0-9a-f]{8}|map\/)$/.test(t)),
    ).toBe(true);
    expect(topics.has('msh/EU/2/map/')).toBe(true);
  });

  it('has the port mix of a busy mesh, each packet reported by 5 to 15 gateways', () => {
    const keyRing = createKeyRing([]);
    const packets = new Map<number, { portnum: number; sealed: boolean; reports: number }>();
    for (const message of randomTraffic(20_000)) {
      const result = interpretEnvelope(message.topic, message.payload, {
        keyRing,
        skipNodeIds: new Set(),
        nowUs: 1,
      });
      if (result.kind !== 'packet') throw new Error(`not a packet: ${result.kind}`);
      const { packet, decryption } = result.record;
      const seen = packets.get(packet.id);
      if (seen) seen.reports += 1;
      else
        packets.set(packet.id, {
          portnum: packet.portnum,
          sealed: decryption === 'undecryptable',
          reports: 1,
        });
    }
    const all = [...packets.values()];
    // The last packet may be cut short by the count.
    const reports = all.slice(0, -1).map((p) => p.reports);
    expect(Math.min(...reports)).toBe(5);
    expect(Math.max(...reports)).toBe(15);
    const share = (match: (p: (typeof all)[number]) => boolean): number =>
      Math.round((100 * all.filter(match).length) / all.length);
    const port = (portnum: number) => share((p) => !p.sealed && p.portnum === portnum);
    // Shares of telemetry 30%, position 25%, nodeinfo 12%, text 10%, traceroute 5%,
    // map report 3% and undecryptable 15%, within a few points for ~2,000 packets.
    expect(port(67)).toBeCloseTo(30, -1);
    expect(port(3)).toBeCloseTo(25, -1);
    expect(port(4)).toBeCloseTo(12, -1);
    expect(port(1)).toBeCloseTo(10, -1);
    expect(port(70)).toBeCloseTo(5, -1);
    expect(port(73)).toBeCloseTo(3, -1);
    expect(share((p) => p.sealed)).toBeCloseTo(15, -1);
  });
});
