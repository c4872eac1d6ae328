import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '#test/databases.js';
import { AnswerCache } from '../../src/http/answer-cache.js';
import { TtlCache } from '../../src/ttl-cache.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';

describe('TtlCache counts', () => {
  it('tells each lookup: a miss when it computes, a hit when it reuses, a miss again once expired', async () => {
    let now = 0;
    const told: string[] = [];
    const cache = new TtlCache<number>({
      ttlMs: 1_000,
      maxEntries: 10,
      now: () => now,
      counts: { hit: () => told.push('hit'), miss: () => told.push('miss') },
    });
    await cache.get('a', () => Promise.resolve(1));
    await cache.get('a', () => Promise.resolve(2));
    now = 1_000;
    expect(await cache.get('a', () => Promise.resolve(3))).toBe(3);
    expect(told).toEqual(['miss', 'hit', 'miss']);
  });
});

describe('TtlCache weight bound', () => {
  it('drops the oldest computed entries while they weigh more than maxWeight', async () => {
    const cache = new TtlCache<string>({
      ttlMs: 1_000,
      maxEntries: 100,
      weigh: (text) => text.length,
      maxWeight: 10,
      now: () => 0,
    });
    let runs = 0;
    const text = (n: number) => () => {
      runs += 1;
      return Promise.resolve('x'.repeat(n));
    };
    await cache.get('a', text(4));
    await cache.get('b', text(4));
    expect([cache.size, cache.weight]).toEqual([2, 8]);
    await cache.get('c', text(4));
    // 12 > 10: `a` went.
    expect([cache.size, cache.weight]).toEqual([2, 8]);
    await cache.get('b', text(4));
    expect(runs).toBe(3);
    await cache.get('a', text(4));
    expect(runs).toBe(4);
    // One entry heavier than the bound is answered, not kept.
    expect(await cache.get('big', text(11))).toHaveLength(11);
    expect([cache.size, cache.weight]).toEqual([0, 0]);
  });
});

describe('AnswerCache.part', () => {
  it('shares a value per key for partTtlMs, apart from the answers', async () => {
    let clock = 0;
    const cache = new AnswerCache({ ttlMs: 1_000, partTtlMs: 5_000, now: () => clock });
    let runs = 0;
    const build = () => Promise.resolve((runs += 1));
    expect(await cache.part('edges ', build)).toBe(1);
    expect(await cache.part('edges neighbor', build)).toBe(2);
    clock = 4_999;
    expect(await cache.part('edges ', build)).toBe(1);
    clock = 5_000;
    expect(await cache.part('edges ', build)).toBe(3);
    expect(cache.size).toBe(0);
  });
});

describe('AnswerCache.shared', () => {
  it('shares a value per key exactly as long as an answer lives, and not at all with reuse off', async () => {
    let clock = 0;
    let runs = 0;
    const build = () => Promise.resolve((runs += 1));
    const cache = new AnswerCache({ ttlMs: 1_000, partTtlMs: 5_000, now: () => clock });
    expect(await cache.shared('/api/nodes', build)).toBe(1);
    clock = 999;
    expect(await cache.shared('/api/nodes', build)).toBe(1);
    clock = 1_000;
    expect(await cache.shared('/api/nodes', build)).toBe(2);
    const off = new AnswerCache({ ttlMs: 0, now: () => clock });
    expect(await off.shared('/api/nodes', build)).toBe(3);
    expect(await off.shared('/api/nodes', build)).toBe(4);
  });
});

const T0 = Date.UTC(2026, 0, 5, 12) * 1000;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `The data routes' answer reuse on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      let reader: ReaderUnderTest;
      let clock = 0;
      let nextId = 1;
      let inserted = 0;
      const addPacket = (id = nextId++) =>
        reader.writer.db
          .insertInto('packet')
          .values({
            id,
            portnum: 1,
            from_node_id: 7,
            to_node_id: 0xffffffff,
            payload: new TextEncoder().encode(`hello ${id}`),
            import_time_us: T0 + (inserted += 1),
            channel: 'LongFast',
          })
          .execute();
      const ids = async (url: string) => {
        const answer = await reader.app.inject(url);
        expect(answer.statusCode, url).toBe(200);
        expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
        return answer.json<{ packets: { id: number }[] }>().packets.map((p) => p.id);
      };

      beforeAll(async () => {
        reader = await buildReader(dialect, {
          name: 'answer_cache',
          answerCache: { ttlMs: 1_000, maxAnswers: 4, now: () => clock },
        });
        await addPacket();
      });
      afterAll(async () => {
        await reader?.close();
      });

      it('reuses an answer for the same route and parameters until it expires', async () => {
        clock = 10_000;
        expect(await ids('/api/packets')).toEqual([1]);
        await addPacket();
        // The same parameters after defaults: the kept answer.
        expect(await ids('/api/packets')).toEqual([1]);
        expect(await ids('/api/packets?limit=50')).toEqual([1]);
        clock += 999;
        expect(await ids('/api/packets?limit=50')).toEqual([1]);
        // Any other parameter value is another answer.
        expect(await ids('/api/packets?limit=49')).toEqual([2, 1]);
        expect(await ids('/api/packets?limit=50&channel=LongFast')).toEqual([2, 1]);
        clock += 1;
        expect(await ids('/api/packets')).toEqual([2, 1]);
      });

      it('keys path parameters too, and reuses a 404 only as long', async () => {
        clock = 20_000;
        const seen = async (id: number) =>
          (await reader.app.inject(`/api/packets_seen/${id}`)).statusCode;
        expect(await seen(1)).toBe(200);
        expect(await seen(100)).toBe(404);
        await addPacket(100);
        expect(await seen(100)).toBe(404);
        clock += 1_000;
        expect(await seen(100)).toBe(200);
      });

      it('keeps at most maxAnswers answers', async () => {
        clock = 30_000;
        for (let limit = 1; limit <= 10; limit += 1) await ids(`/api/packets?limit=${limit}`);
        await addPacket();
        // limit=1 was pushed out by the newer ones: computed again, it sees the new packet.
        expect(await ids('/api/packets?limit=1')).toEqual([nextId - 1]);
        // limit=10 is still kept.
        expect(await ids('/api/packets?limit=10')).not.toContain(nextId - 1);
      });
    },
  );
}
