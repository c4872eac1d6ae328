import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '@meshview/log';
import type { Decryption, EnvelopeResult, PacketRecord } from '@meshview/mesh';
import { IngestCounters } from '../../src/ingest/ingest-counters.js';
import {
  IngestPipeline,
  type BatchResult,
  type IngestPipelineProps,
  type RecordSink,
} from '../../src/ingest/ingest-pipeline.js';
import { RateLimiter } from '../../src/ingest/rate-limiter.js';
import { report } from '#test/records.js';

/** What a test message says it is; the test's `interpret` turns it into an EnvelopeResult. */
type TestMessage =
  | { readonly kind: 'malformed' }
  | { readonly kind: 'skipped' }
  | {
      readonly kind: 'packet';
      readonly id: number;
      readonly from?: number;
      readonly decryption?: Decryption;
    };

const encode = (message: TestMessage): Uint8Array => Buffer.from(JSON.stringify(message));

/** A pure interpret: the payload is a TestMessage in JSON. */
function interpret(_topic: string, payload: Uint8Array, nowUs: number): EnvelopeResult {
  const message = JSON.parse(Buffer.from(payload).toString('utf8')) as TestMessage;
  if (message.kind === 'malformed') return { kind: 'malformed', reason: 'test' };
  if (message.kind === 'skipped') return { kind: 'skipped', reason: 'skipped-node' };
  const record = report({ id: message.id, from: message.from ?? 0x1111, importUs: nowUs });
  return { kind: 'packet', record: { ...record, decryption: message.decryption ?? 'decrypted' } };
}

/** An error as the database drivers raise them: a message and a `code`. */
const dbError = (code: string, message = code): Error =>
  Object.assign(new Error(message), { code });

/**
 * The test's own sink: keeps packets by id in memory, one "transaction" a batch (a batch that
 * throws writes nothing), and throws what `refuse` returns for a batch.
 */
function memorySink(
  refuse: (records: readonly PacketRecord[]) => Error | undefined = () => undefined,
) {
  const stored = new Map<number, PacketRecord>();
  const attempts: number[][] = [];
  const sink: RecordSink = {
    writeBatch(records): Promise<BatchResult> {
      attempts.push(records.map((r) => r.packet.id));
      const error = refuse(records);
      if (error) return Promise.reject(error);
      let added = 0;
      let duplicates = 0;
      for (const record of records) {
        if (stored.has(record.packet.id)) duplicates += 1;
        else {
          stored.set(record.packet.id, record);
          added += 1;
        }
      }
      return Promise.resolve({ stored: added, duplicates, idReuse: [] });
    },
  };
  return { sink, stored, attempts };
}

/** A pino logger that keeps its lines. */
function recordingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

function pipeline(sink: RecordSink, props: Partial<IngestPipelineProps> = {}) {
  const counters = new IngestCounters();
  const { logger, lines } = recordingLogger();
  const ingest = new IngestPipeline({
    interpret,
    sink,
    counters,
    rateLimiter: new RateLimiter({ limit: 0, windowMs: 60_000 }),
    logger,
    maxBatch: 100,
    maxAgeMs: 20,
    maxPending: 1000,
    ...props,
  });
  const send = (...messages: TestMessage[]) => {
    for (const message of messages)
      void ingest.handle('msh/test/2/e/LongFast/!0a0b0c0d', encode(message));
  };
  return { ingest, counters, lines, send };
}

const packets = (ids: readonly number[], from?: number): TestMessage[] =>
  ids.map((id) => ({ kind: 'packet', id, ...(from === undefined ? {} : { from }) }));

const range = (first: number, last: number): number[] =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

describe('IngestPipeline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_760_000_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts what it received and what became of it', async () => {
    const { sink, stored } = memorySink();
    const { ingest, counters, send } = pipeline(sink, {
      rateLimiter: new RateLimiter({ limit: 3, windowMs: 60_000 }),
    });
    send(
      { kind: 'malformed' },
      { kind: 'malformed' },
      { kind: 'skipped' },
      ...packets([1, 2, 3, 4, 5], 0xbad), // 3 pass the limit, 2 are rate-limited
      { kind: 'packet', id: 10, from: 0xa, decryption: 'pki' },
      { kind: 'packet', id: 11, from: 0xb, decryption: 'undecryptable' },
      { kind: 'packet', id: 12, from: 0xc, decryption: 'plain' },
      { kind: 'packet', id: 10, from: 0xa, decryption: 'pki' }, // another report of a stored one
    );
    await vi.advanceTimersByTimeAsync(20); // the batch's age
    expect(counters.snapshot()).toEqual({
      received: 12,
      malformed: 2,
      skipped: 1,
      rate_limited: 2,
      undecryptable: 3,
      stored: 6,
      duplicates: 1,
      dropped: 0,
      reconnects: 0,
    });
    expect([...stored.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 10, 11, 12]);
    expect(ingest.pending).toBe(0);
  });

  it('holds a batch until its age or its count, and drains what it holds', async () => {
    const { sink, attempts } = memorySink();
    const { ingest, counters, send } = pipeline(sink, { maxBatch: 4, maxAgeMs: 50 });
    send(...packets(range(1, 6)));
    expect(attempts).toEqual([[1, 2, 3, 4]]);
    await vi.advanceTimersByTimeAsync(0);
    expect(ingest.pending).toBe(2);
    send(...packets([7]));
    await ingest.drain();
    expect(attempts).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7],
    ]);
    expect(counters.snapshot().stored).toBe(7);
  });

  it('asks the source to wait once maxPending records are held', async () => {
    let release: (() => void) | undefined;
    const sink: RecordSink = {
      writeBatch: (records) =>
        new Promise((resolve) => {
          release = () => resolve({ stored: records.length, duplicates: 0, idReuse: [] });
        }),
    };
    const { ingest } = pipeline(sink, { maxBatch: 2, maxPending: 3 });
    const handle = (id: number) => ingest.handle('t', encode({ kind: 'packet', id }));
    expect(handle(1)).toBeUndefined();
    expect(handle(2)).toBeUndefined(); // being written
    const wait = handle(3);
    expect(wait).toBeInstanceOf(Promise);
    expect(handle(4)).toBeInstanceOf(Promise);
    release!();
    await expect(wait).resolves.toBeUndefined();
  });

  it('retries a batch the database refused for a transient reason, and drops nothing', async () => {
    let busy = 2;
    const { sink, stored, attempts } = memorySink(() =>
      busy-- > 0 ? dbError('SQLITE_BUSY', 'database is locked') : undefined,
    );
    const { ingest, counters, lines, send } = pipeline(sink, { maxBatch: 10 });
    send(...packets(range(1, 10)));
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toHaveLength(1);
    expect(ingest.pending).toBe(10); // still held: nothing lost while the database is busy
    await vi.advanceTimersByTimeAsync(10_000); // the retries' backoff
    expect(attempts).toEqual([range(1, 10), range(1, 10), range(1, 10)]);
    expect(stored.size).toBe(10);
    expect(counters.snapshot()).toMatchObject({ received: 10, stored: 10, dropped: 0 });
    const warnings = lines.filter((l) => String(l.msg).startsWith('batch not written'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({
      err: 'database is locked',
      code: 'SQLITE_BUSY',
      records: 10,
    });
    expect(warnings[0]!.msg).toMatch(/locked by another connection \(SQLITE_BUSY\).*retrying in/);
    expect(
      lines.find((l) => String(l.msg).startsWith('batch written after 2 retries')),
    ).toBeDefined();
    for (const warning of warnings) expect(warning.retryInMs).toBeGreaterThanOrEqual(50);
    expect(ingest.pending).toBe(0);
  });

  it('retries a lost connection until the database is back, however long that takes', async () => {
    let down = true;
    const { sink, stored } = memorySink(() =>
      down ? dbError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432') : undefined,
    );
    const { counters, lines, send } = pipeline(sink);
    send(...packets(range(1, 5)));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(stored.size).toBe(0);
    const retries = lines.filter((l) => String(l.msg).startsWith('batch not written'));
    expect(retries.length).toBeGreaterThan(10);
    expect(Math.max(...retries.map((l) => Number(l.retryInMs)))).toBeLessThanOrEqual(10_000);
    down = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stored.size).toBe(5);
    expect(counters.snapshot()).toMatchObject({ stored: 5, dropped: 0 });
  });

  it('drops exactly the record the database refuses for its data and writes the rest', async () => {
    const { sink, stored, attempts } = memorySink((records) =>
      records.some((r) => r.packet.id === 7)
        ? dbError('SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed')
        : undefined,
    );
    const { counters, lines, send } = pipeline(sink, { maxBatch: 10 });
    send(...packets(range(1, 10), 0x4242));
    await vi.advanceTimersByTimeAsync(0);
    expect([...stored.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10]);
    expect(counters.snapshot()).toMatchObject({ received: 10, stored: 9, dropped: 1 });
    // Halved until the bad record stands alone.
    expect(attempts).toEqual([
      range(1, 10),
      range(1, 5),
      range(6, 10),
      [6, 7, 8],
      [6, 7],
      [6],
      [7],
      [8],
      [9, 10],
    ]);
    const refused = lines.filter((l) => l.msg === 'record refused by the database; dropped');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      packetId: 7,
      from: 0x4242,
      err: 'FOREIGN KEY constraint failed',
    });
    expect(lines.some((l) => String(l.msg).startsWith('batch not written'))).toBe(false);
  });

  it('isolates several bad records on PostgreSQL error codes too', async () => {
    const bad = new Set([2, 13, 14]);
    const { sink, stored } = memorySink((records) =>
      records.some((r) => bad.has(r.packet.id))
        ? dbError('23503', 'insert or update violates foreign key constraint')
        : undefined,
    );
    const { counters, send } = pipeline(sink, { maxBatch: 16 });
    send(...packets(range(1, 16)));
    await vi.advanceTimersByTimeAsync(0);
    expect([...stored.keys()].sort((a, b) => a - b)).toEqual(
      range(1, 16).filter((id) => !bad.has(id)),
    );
    expect(counters.snapshot()).toMatchObject({ stored: 13, dropped: 3 });
  });
});
