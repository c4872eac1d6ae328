import { create, toBinary } from '@bufbuild/protobuf';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { PacketsResponseSchema } from '@meshview/api';
import { createKeyRing, interpretEnvelope, Mesh } from '@meshview/mesh';
import { meshTraffic, randomTraffic } from '@meshview/sim';
import { renderPayload } from '../../src/payload/rendered-payload.js';
import { PayloadCache } from '../../src/payload/payload-cache.js';
import type { PacketListRow } from '../../src/queries/packet.queries.js';
import { packetJsonText } from '../../src/routes/api/packet-json.js';

/** Every packet of the test traffic, with names that need escaping now and then. */
function trafficRows(): PacketListRow[] {
  const keyRing = createKeyRing([]);
  const names = [null, 'Base "Alpha"', 'Zürich ⛰️ 🐧', 'tab\there\nnew line', '\u0001\u001f\\', ''];
  const rows: PacketListRow[] = [];
  const nowUs = Date.UTC(2026, 10, 1) * 1000;
  const messages = [
    ...meshTraffic(nowUs).messages,
    ...randomTraffic(4_000, { seed: 3 }).map((m) => ({ ...m, nowUs })),
  ];
  for (const m of messages) {
    const r = interpretEnvelope(m.topic, m.payload, {
      keyRing,
      skipNodeIds: new Set(),
      nowUs: m.nowUs,
    });
    // One row per packet id, as in the table (the traffic reports packets again).
    if (r.kind !== 'packet' || rows.some((row) => row.id === r.record.packet.id)) continue;
    const p = r.record.packet;
    rows.push({
      ...p,
      payload: Buffer.from(p.payload),
      long_name: names[rows.length % names.length]!,
      to_long_name: names[(rows.length * 7) % names.length]!,
    });
  }
  // The columns may be null in a row MeshView wrote; and a payload nothing can decode.
  rows.push({
    id: 1_000_000,
    import_time_us: null,
    channel: null,
    from_node_id: null,
    to_node_id: null,
    portnum: null,
    payload: null,
    long_name: null,
    to_long_name: null,
  });
  rows.push({ ...rows[0]!, id: 2_000_000, payload: Buffer.from([0xff, 0x01, 0x02]) });
  return rows;
}

describe('packetJsonText', () => {
  it("writes each packet exactly as the response schema's serialiser does, rendered or kept", async () => {
    const rows = trafficRows();
    expect(rows.length).toBeGreaterThan(200);
    // The data form, rendered afresh: what the route answered before it wrote the text itself.
    const packets = rows.map((row) => {
      const rendered = renderPayload(row.payload, row.to_node_id);
      return {
        id: row.id,
        import_time_us: row.import_time_us,
        channel: row.channel,
        from_node_id: row.from_node_id,
        to_node_id: row.to_node_id,
        portnum: row.portnum,
        long_name: row.long_name,
        to_long_name: row.to_long_name,
        payload: rendered.text,
        decoded: rendered.decoded,
        ...(rendered.replyId !== null ? { reply_id: rendered.replyId } : {}),
        ...(rendered.wantResponse ? { want_response: true } : {}),
      };
    });
    const app = Fastify();
    app.get('/', { schema: { response: { 200: PacketsResponseSchema } } }, () =>
      Promise.resolve({ packets, latest_import_time: 5 }),
    );
    const bySchema = (await app.inject({ url: '/' })).body;
    await app.close();
    expect(packets.some((p) => p.reply_id !== undefined)).toBe(true);
    expect(packets.some((p) => p.want_response === true)).toBe(true);
    expect(new Set(packets.map((p) => p.portnum)).size).toBeGreaterThan(5);

    const cache = new PayloadCache();
    const written = () =>
      `{"packets":[${rows.map((row) => packetJsonText(row, cache)).join(',')}],"latest_import_time":5}`;
    const first = written();
    expect(first).toBe(bySchema);
    const decodes = cache.decodes;
    // Again from the kept text.
    expect(written()).toBe(bySchema);
    expect(cache.decodes).toBe(decodes);
  });
});

describe('PayloadCache', () => {
  const payload = (text: string) =>
    toBinary(
      Mesh.MeshPacketSchema,
      create(Mesh.MeshPacketSchema, {
        payloadVariant: {
          case: 'decoded',
          value: { portnum: 1, payload: new TextEncoder().encode(text) },
        },
      }),
    );
  const packet = (id: number, text = 'x'.repeat(100)) => ({
    id,
    import_time_us: 10,
    to_node_id: 0xffffffff,
    payload: payload(text),
  });

  it('keeps at most its byte budget, dropping first what was not asked for lately', () => {
    // An entry here: 227 bytes of text (`"payload":`, the payload, the decoded members), and its
    // overhead.
    const one = new PayloadCache(Number.MAX_SAFE_INTEGER);
    one.tail(packet(1));
    const size = one.bytes;
    expect(size).toBeGreaterThan(200);
    const cache = new PayloadCache(size * 3);
    for (const id of [1, 2, 3]) cache.tail(packet(id));
    expect(cache.size).toBe(3);
    cache.tail(packet(1)); // now the most recently used
    cache.tail(packet(4));
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBe(size * 3);
    const decodes = cache.decodes;
    cache.tail(packet(1));
    cache.tail(packet(3));
    cache.tail(packet(4));
    expect(cache.decodes).toBe(decodes);
    cache.tail(packet(2)); // the one dropped
    expect(cache.decodes).toBe(decodes + 1);
  });

  it('drops as a second-chance list would, over thousands of hits and misses', () => {
    const one = new PayloadCache(Number.MAX_SAFE_INTEGER);
    one.tail(packet(0));
    const cache = new PayloadCache(one.bytes * 20);
    // The model: ids in the order they were added, each with its mark, and the drop walk's place.
    const model: { id: number; used: boolean }[] = [];
    let hand = 0;
    let modelDecodes = 0;
    let seed = 7;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let step = 0; step < 5_000; step++) {
      // Mostly ids used lately (hits), now and then a burst of new ones (misses, drops).
      const id = random() < 0.7 ? Math.floor(random() * 25) : 25 + Math.floor(random() * 60);
      cache.tail(packet(id));
      const kept = model.find((entry) => entry.id === id);
      if (kept !== undefined) {
        kept.used = true;
      } else {
        modelDecodes += 1;
        const added = { id, used: false };
        model.push(added);
        while (model.length > 20) {
          if (hand >= model.length) hand = 0;
          const met = model[hand]!;
          if (met === added || met.used) {
            met.used = false;
            hand += 1;
          } else {
            model.splice(hand, 1);
          }
        }
      }
      expect(cache.decodes).toBe(modelDecodes);
      expect(cache.size).toBe(model.length);
    }
    // What is kept is what the model keeps.
    const decodes = cache.decodes;
    for (const { id } of model) cache.tail(packet(id));
    expect(cache.decodes).toBe(decodes);
  });

  it('keeps what is asked for all the time through a stream of packets asked for once', () => {
    const one = new PayloadCache(Number.MAX_SAFE_INTEGER);
    one.tail(packet(0));
    const cache = new PayloadCache(one.bytes * 10);
    for (let i = 0; i < 1_000; i++) {
      for (const hot of [1, 2, 3]) cache.tail(packet(hot));
      cache.tail(packet(100 + i));
    }
    // 3 hot ids decoded once each, and the 1,000 others.
    expect(cache.decodes).toBe(1_003);
    expect(cache.size).toBe(10);
  });

  it('gives back the same text and data from a kept entry, whatever the characters', () => {
    const cache = new PayloadCache();
    const source = packet(7, 'héllo 🌲 "quoted" \\ tab\there\nline, {"decoded":1}');
    const fresh = renderPayload(source.payload, source.to_node_id);
    for (let pass = 0; pass < 2; pass++) {
      expect(cache.text(source)).toBe(fresh.text);
      expect(cache.render(source)).toEqual(fresh);
      const tail = cache.tail(source);
      expect(JSON.parse(`{${tail}`)).toEqual({ payload: fresh.text, decoded: fresh.decoded });
    }
    expect(cache.decodes).toBe(1);
  });

  it('keeps a payload bigger than its budget only until the next one', () => {
    const cache = new PayloadCache(50);
    expect(cache.text(packet(1))).toBe('x'.repeat(100));
    expect(cache.size).toBe(1);
    cache.tail(packet(2));
    expect(cache.size).toBe(1);
    expect(cache.text(packet(2))).toBe('x'.repeat(100));
    expect(cache.decodes).toBe(2);
  });
});
