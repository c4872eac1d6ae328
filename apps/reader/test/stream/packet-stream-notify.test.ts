import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamHealth } from '@meshview/api';
import { NEW_PACKETS_CHANNEL } from '@meshview/db';
import { pgSkipReason } from '#test/postgres.js';
import { report } from '#test/records.js';
import { storeRecords } from '#test/store-traffic.js';
import { buildReader, type ReaderUnderTest } from '../support/reader-app.js';
import { SseClient } from '../support/sse-client.js';

const T = 1_790_000_000_000_000;
const WAIT_MS = 20_000;

async function health(reader: ReaderUnderTest): Promise<StreamHealth> {
  return (await reader.app.inject('/health')).json<{ stream: StreamHealth }>().stream;
}

/** The server processes of this database's sessions that listen for new packets. */
async function listeners(reader: ReaderUnderTest): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`
    SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND query = ${`LISTEN ${NEW_PACKETS_CHANNEL}`}
      AND pid <> pg_backend_pid()`.execute(reader.writer.db);
  return rows.map((r) => r.pid);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(pgSkipReason)(
  `the packet event stream wakes on the writer's NOTIFY on postgres${pgSkipReason ? ` (${pgSkipReason})` : ''}`,
  () => {
    let reader: ReaderUnderTest | undefined;
    let client: SseClient | undefined;
    afterEach(async () => {
      client?.close();
      await reader?.close();
    });

    it('delivers a commit at once although the next poll is ten minutes away, also after the LISTEN connection was lost', async () => {
      // Only the start's read and the reads NOTIFY causes happen within the test.
      reader = await buildReader('postgres', {
        name: 'stream_notify',
        ini: '[server]\nstream_poll_ms = 600000\n',
      });
      await reader.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = reader.app.server.address() as AddressInfo;
      client = await SseClient.connect(`http://127.0.0.1:${port}/api/stream/packets`);
      const before = await health(reader);
      // Through the writer's own storage, which sends NOTIFY in the batch's transaction.
      await storeRecords(reader.writer.db, 'postgres', [report({ id: 1, importUs: T })]);
      await client.waitForEvents(1);
      expect(client.ids).toEqual([`${T}:1`]);
      expect((await health(reader)).polls).toBe(before.polls + 1);

      // The LISTEN session is killed (a server restart, a proxy's timeout): it comes back.
      const [pid] = await until(
        () => listeners(reader!),
        (pids) => pids.length === 1,
      );
      await sql`SELECT pg_terminate_backend(${pid})`.execute(reader.writer.db);
      await until(
        () => listeners(reader!),
        (pids) => pids.length === 1 && pids[0] !== pid,
      );
      await storeRecords(reader.writer.db, 'postgres', [
        report({ id: 2, importUs: T + 1 }),
        report({ id: 3, importUs: T + 1 }),
      ]);
      await client.waitForEvents(3);
      expect(client.ids).toEqual([`${T}:1`, `${T + 1}:2`, `${T + 1}:3`]);
      // A batch that stores nothing new (a duplicate report) sends no NOTIFY, so no read.
      const settled = await health(reader);
      await storeRecords(reader.writer.db, 'postgres', [
        report({ id: 3, importUs: T + 2, gateway: 0xb000 }),
      ]);
      await storeRecords(reader.writer.db, 'postgres', [report({ id: 4, importUs: T + 3 })]);
      await client.waitForEvents(4);
      expect((await health(reader)).polls).toBe(settled.polls + 1);
    });
  },
);
