import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { create, toBinary } from '@bufbuild/protobuf';
import { afterEach, describe, expect, it } from 'vitest';
import type { Packet, PacketsResponse, StreamHealth } from '@meshview/api';
import { Mesh } from '@meshview/mesh';
import { DIALECTS } from '#test/databases.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';
import { SseClient } from '../support/sse-client.js';

const T = 1_790_000_000_000_000;
const BROADCAST = 0xffff_ffff;
const WAIT_MS = 20_000;

/** A stored text message's payload: a MeshPacket with its Data decoded. */
function textPayload(text: string): Buffer {
  const packet = create(Mesh.MeshPacketSchema, {
    payloadVariant: {
      case: 'decoded',
      value: { portnum: 1, payload: new TextEncoder().encode(text) },
    },
  });
  return Buffer.from(toBinary(Mesh.MeshPacketSchema, packet));
}

interface Row {
  readonly id: number;
  readonly t: number;
  readonly text?: string;
  readonly from?: number;
}

/** The event id the stream gives a row. */
const idOf = (row: Row): string => `${row.t}:${row.id}`;

/** Stores `rows` in one commit, as a writer's batch. */
async function commit(reader: ReaderUnderTest, rows: readonly Row[]): Promise<void> {
  await reader.writer.db
    .insertInto('packet')
    .values(
      rows.map((row) => ({
        id: row.id,
        portnum: 1,
        from_node_id: row.from ?? 0x0a11ce01,
        to_node_id: BROADCAST,
        payload: textPayload(row.text ?? `packet ${row.id}`),
        import_time_us: row.t,
        channel: 'LongFast',
      })),
    )
    .execute();
}

async function health(reader: ReaderUnderTest): Promise<StreamHealth> {
  return (await reader.app.inject('/health')).json<{ stream: StreamHealth }>().stream;
}

/** Waits until `/health`'s stream counters satisfy `done` (never asserts how long it took). */
async function healthUntil(
  reader: ReaderUnderTest,
  done: (stream: StreamHealth) => boolean,
): Promise<StreamHealth> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const stream = await health(reader);
    if (done(stream)) return stream;
    if (Date.now() > deadline) throw new Error(`/health's stream stayed ${JSON.stringify(stream)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const byPlace = (a: Packet, b: Packet): number =>
  a.import_time_us! - b.import_time_us! || a.id - b.id;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`the packet event stream on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const open: ReaderUnderTest[] = [];
    const clients: SseClient[] = [];
    afterEach(async () => {
      for (const client of clients.splice(0)) client.close();
      for (const reader of open.splice(0)) await reader.close();
    });

    /** A reader listening on a port of its own, with `ini`'s settings. */
    async function start(
      ini: string,
      seed?: readonly Row[],
      streamKeepAliveMs?: number,
      idleTimeoutMs?: number,
    ) {
      const reader = await buildReader(dialect, {
        name: 'stream',
        ini,
        ...(streamKeepAliveMs !== undefined ? { streamKeepAliveMs } : {}),
        ...(idleTimeoutMs !== undefined ? { idleTimeoutMs } : {}),
        ...(seed
          ? {
              seed: async ({ db }) => {
                await db
                  .insertInto('node')
                  .values({
                    id: '!0a11ce01',
                    node_id: 0x0a11ce01,
                    long_name: 'Alice Base',
                    short_name: 'ALB',
                    channel: 'LongFast',
                    first_seen_us: T,
                    last_seen_us: T,
                  })
                  .execute();
                if (seed.length > 0) {
                  await db
                    .insertInto('packet')
                    .values(
                      seed.map((row) => ({
                        id: row.id,
                        portnum: 1,
                        from_node_id: 0x0a11ce01,
                        to_node_id: BROADCAST,
                        payload: textPayload(`packet ${row.id}`),
                        import_time_us: row.t,
                        channel: 'LongFast',
                      })),
                    )
                    .execute();
                }
              },
            }
          : {}),
      });
      open.push(reader);
      await reader.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = reader.app.server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/api/stream/packets`;
      const subscribe = async (headers: Record<string, string> = {}, query = '') => {
        const client = await SseClient.connect(`${url}${query}`, headers);
        clients.push(client);
        return client;
      };
      return { reader, port, url, subscribe };
    }

    it('sends each packet committed after the connection once, as /api/packets lists it', async () => {
      const { reader, subscribe } = await start('[server]\nstream_poll_ms = 50\n', [
        { id: 1, t: T },
      ]);
      const listeners = await Promise.all([subscribe(), subscribe(), subscribe()]);
      expect(listeners[0].response.headers).toMatchObject({
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
      expect(listeners[0].retry).toBeGreaterThan(0);
      const rows: Row[] = [
        { id: 11, t: T + 1, text: 'hello mesh' },
        { id: 12, t: T + 2, from: 0x0b0b0b0b },
        { id: 14, t: T + 3 },
        { id: 13, t: T + 3, text: 'ünïcødé ✓ "quoted"\nnext line' },
      ];
      await commit(reader, rows.slice(0, 2));
      await commit(reader, rows.slice(2, 3));
      for (const client of listeners) await client.waitForEvents(3);
      // A tie in import time, committed after the first was sent, with a smaller id.
      await commit(reader, rows.slice(3));
      for (const client of listeners) {
        await client.waitForEvents(rows.length);
        expect(client.ids).toEqual(rows.map(idOf));
        expect(client.events.every((e) => e.event === 'packet')).toBe(true);
      }
      // The fallback poll gives exactly what the stream sent.
      const answer = (
        await reader.app.inject(`/api/packets?since=${T}&limit=100`)
      ).json<PacketsResponse>();
      const sent = listeners[0].events.map((e) => JSON.parse(e.data) as Packet);
      expect([...sent].sort(byPlace)).toEqual([...answer.packets].sort(byPlace));
      expect(sent[0]).toMatchObject({ long_name: 'Alice Base', payload: 'hello mesh' });
      expect(answer.latest_import_time).toBe(T + 3);
      expect(await health(reader)).toMatchObject({ subscribers: 3, dropped_slow: 0 });
    });

    it('makes one database poll per interval for 50 clients, and each gets every packet', async () => {
      const pollMs = 100;
      const { reader, subscribe } = await start(`[server]\nstream_poll_ms = ${pollMs}\n`);
      const listeners = await Promise.all(Array.from({ length: 50 }, () => subscribe()));
      await healthUntil(reader, (s) => s.subscribers === 50);
      const startedAt = performance.now();
      const before = (await health(reader)).polls;
      await healthUntil(reader, (s) => s.polls >= before + 10);
      await commit(reader, [{ id: 100, t: T + 100 }]);
      for (const client of listeners) await client.waitForEvents(1);
      const polls = (await health(reader)).polls - before;
      const windows = (performance.now() - startedAt) / pollMs;
      // 50 clients polling for themselves would make about 50 polls a window.
      expect(polls).toBeLessThanOrEqual(Math.floor(windows) + 2);
      expect(polls).toBeGreaterThanOrEqual(10);
      for (const client of listeners) expect(client.ids).toEqual([`${T + 100}:100`]);
    });

    it('drops a client that does not read at the byte limit; the others keep receiving', async () => {
      const limit = 65_536;
      const { reader, port, subscribe } = await start(
        `[server]\nstream_poll_ms = 50\nstream_max_buffered_bytes = ${limit}\n`,
      );
      const readers = await Promise.all([subscribe(), subscribe()]);
      // A client that sends its request and never reads a byte of the answer.
      const stalled = connect(port, '127.0.0.1');
      stalled.pause();
      stalled.on('error', () => {});
      stalled.write(
        'GET /api/stream/packets HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n',
      );
      await healthUntil(reader, (s) => s.subscribers === 3);
      const big = 'x'.repeat(60_000);
      const sent: Row[] = [];
      let id = 1000;
      // Until the kernel's buffers are full and the stalled client's backlog passes the limit.
      for (let batch = 0; batch < 100 && (await health(reader)).dropped_slow === 0; batch += 1) {
        const rows = Array.from({ length: 16 }, () => ({ id: ++id, t: T + id, text: big }));
        await commit(reader, rows);
        sent.push(...rows);
        for (const client of readers) await client.waitForEvents(sent.length);
      }
      expect(await health(reader)).toMatchObject({ subscribers: 2, dropped_slow: 1 });
      const after = [{ id: ++id, t: T + id }];
      await commit(reader, after);
      sent.push(...after);
      for (const client of readers) {
        await client.waitForEvents(sent.length);
        expect(client.ids).toEqual(sent.map(idOf));
        expect(client.ended).toBe(false);
      }
      stalled.destroy();
    });

    it('resumes after Last-Event-ID with nothing missed or repeated, a later tie with a smaller id included', async () => {
      const { reader, subscribe } = await start('[server]\nstream_poll_ms = 50\n', []);
      // Keeps the stream running while the other client is away.
      const steady = await subscribe();
      const away = await subscribe();
      await commit(reader, [{ id: 500, t: T + 10 }]);
      await away.waitForEvents(1);
      const lastId = away.events.at(-1)!.id!;
      away.close();
      await healthUntil(reader, (s) => s.subscribers === 1);
      // Committed while it is away: a tie with a smaller id, then a newer packet.
      await commit(reader, [{ id: 400, t: T + 10 }]);
      await commit(reader, [{ id: 600, t: T + 11 }]);
      await steady.waitForEvents(3);
      const back = await subscribe({ 'Last-Event-ID': lastId });
      await back.waitForEvents(2);
      await commit(reader, [{ id: 700, t: T + 12 }]);
      await back.waitForEvents(3);
      await steady.waitForEvents(4);
      expect(lastId).toBe(`${T + 10}:500`);
      expect(back.ids).toEqual([`${T + 10}:400`, `${T + 11}:600`, `${T + 12}:700`]);
      expect(steady.ids).toEqual([
        `${T + 10}:500`,
        `${T + 10}:400`,
        `${T + 11}:600`,
        `${T + 12}:700`,
      ]);
    });

    it('resumes after last_event_id also when every client had left, and the header wins over it', async () => {
      const { reader, subscribe } = await start('[server]\nstream_poll_ms = 50\n', []);
      const first = await subscribe();
      await commit(reader, [
        { id: 20, t: T + 20 },
        { id: 21, t: T + 21 },
      ]);
      await first.waitForEvents(2);
      first.close();
      await healthUntil(reader, (s) => s.subscribers === 0);
      await commit(reader, [{ id: 19, t: T + 21 }]);
      await commit(reader, [{ id: 22, t: T + 22 }]);
      const back = await subscribe({}, `?last_event_id=${T + 21}:21`);
      await back.waitForEvents(2);
      expect(back.ids).toEqual([`${T + 21}:19`, `${T + 22}:22`]);
      // Both given: the header's resume point, not the query's.
      const both = await subscribe(
        { 'Last-Event-ID': `${T + 20}:20` },
        `?last_event_id=${T + 22}:22`,
      );
      await both.waitForEvents(3);
      expect(both.ids).toEqual([`${T + 21}:21`, `${T + 21}:19`, `${T + 22}:22`]);
      await commit(reader, [{ id: 23, t: T + 23 }]);
      await back.waitForEvents(3);
      await both.waitForEvents(4);
      expect(back.ids.at(-1)).toBe(`${T + 23}:23`);
      expect(both.ids).toHaveLength(4);
    });

    it("resumes from the database, in (import time, id) order, after an id the stream's memory does not hold", async () => {
      const seed: Row[] = [
        { id: 30, t: T + 30 },
        { id: 32, t: T + 31 },
        { id: 31, t: T + 32 },
        { id: 33, t: T + 32 },
      ];
      const { reader, subscribe } = await start('[server]\nstream_poll_ms = 50\n', seed);
      // Stored before the reader started: no event of the stream had these ids.
      const back = await subscribe({ 'Last-Event-ID': `${T + 31}:32` });
      await back.waitForEvents(2);
      await commit(reader, [{ id: 34, t: T + 33 }]);
      await back.waitForEvents(3);
      expect(back.ids).toEqual([`${T + 32}:31`, `${T + 32}:33`, `${T + 33}:34`]);
      // An id older than the database's newest packet, unknown here: after it in tuple order.
      const unknown = await subscribe({ 'Last-Event-ID': `${T + 32}:32` });
      await unknown.waitForEvents(2);
      expect(unknown.ids).toEqual([`${T + 32}:33`, `${T + 33}:34`]);
    });

    it('answers 400 naming the parameter for a malformed resume point, and HEAD with the headers', async () => {
      const { reader } = await start('');
      for (const value of [
        '',
        'x',
        '1',
        '1:',
        ':1',
        '1:2:3',
        '-1:2',
        '1.5:2',
        '1:2 ',
        '99999999999999999:1',
      ]) {
        const query = await reader.app.inject(
          `/api/stream/packets?last_event_id=${encodeURIComponent(value)}`,
        );
        expect(query.statusCode, value).toBe(400);
        expect(query.json()).toMatchObject({ parameter: 'last_event_id', where: 'querystring' });
        if (value === '') continue;
        const header = await reader.app.inject({
          url: '/api/stream/packets',
          headers: { 'last-event-id': value },
        });
        expect(header.statusCode, value).toBe(400);
        expect(header.json()).toMatchObject({
          error: 'invalid parameter',
          parameter: 'Last-Event-ID',
          where: 'headers',
          reason: expect.stringContaining('<import_time_us>:<id>') as unknown,
        });
      }
      const head = await reader.app.inject({ method: 'HEAD', url: '/api/stream/packets' });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      const document = (await reader.app.inject('/api/openapi.json')).json<{
        paths: Record<string, { get: { responses: Record<string, { content: object }> } }>;
      }>();
      expect(
        Object.keys(document.paths['/api/stream/packets']!.get.responses['200']!.content),
      ).toEqual(['text/event-stream']);
    });

    it('sends a keep-alive comment while no packet comes', async () => {
      const { reader, subscribe } = await start('', undefined, 50);
      const client = await subscribe();
      await client.waitForComment('keep-alive');
      await client.waitForComment('keep-alive', 2);
      expect(client.events).toEqual([]);
      expect(await health(reader)).toMatchObject({ subscribers: 1, dropped_slow: 0 });
    });

    it('closes a connection that begins a request and then sends nothing; a listener kept busy by keep-alive comments stays', async () => {
      const { port, subscribe } = await start('', undefined, 50, 400);
      const client = await subscribe();
      // Half a request, then silence (slowloris): held for ever without the idle timeout.
      const silent = connect(port, '127.0.0.1');
      silent.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => silent.on('close', () => resolve()));
      silent.write('GET /api/nodes HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      await closed;
      // The listener outlives the idle timeout several times over and keeps receiving.
      const seen = client.comments.length;
      await client.waitForComment('keep-alive', seen + 20);
      expect(client.ended).toBe(false);
    });

    it("ends every client's stream when the reader closes", async () => {
      const { reader, subscribe } = await start('');
      const listeners = await Promise.all([subscribe(), subscribe()]);
      await reader.close();
      open.splice(open.indexOf(reader), 1);
      for (const client of listeners) await client.waitForEnd();
    });
  });
}
