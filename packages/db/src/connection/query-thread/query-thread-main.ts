// The query thread: a read-only connection of its own, running the statements the main thread
// sends and answering their rows (see query-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { CompiledQuery } from 'kysely';
import type { DatabaseConnection } from '../database-connection.js';
import { openDatabase } from '../open-database.js';
import type {
  QueryThreadData,
  QueryThreadOpen,
  QueryThreadReply,
  QueryThreadRequest,
} from './messages.js';
import { toThreadError } from './thread-error.js';

const port = parentPort!;
const data = workerData as QueryThreadData;
const send = (reply: QueryThreadReply): void => port.postMessage(reply);

// Loaded before it is told what to open: a thread started ahead (prepareQueryThread) has the
// driver ready when the database is. A driver that fails to load fails the opening instead.
if (data.dialect !== undefined) {
  await import(data.dialect === 'postgres' ? 'pg' : 'better-sqlite3').catch(() => undefined);
}
port.once('message', (open: QueryThreadOpen) => void start(open));
send({ kind: 'loaded' });

let database: DatabaseConnection;

async function start(open: QueryThreadOpen): Promise<void> {
  try {
    database = await openDatabase(open.target, {
      readOnly: true,
      ...(open.busyTimeoutMs !== undefined ? { busyTimeoutMs: open.busyTimeoutMs } : {}),
      ...(open.poolSize !== undefined ? { poolSize: open.poolSize } : {}),
      onIdleError: (error) => send({ kind: 'idle-error', error: toThreadError(error) }),
    });
  } catch (error) {
    send({ kind: 'failed', error: toThreadError(error) });
    process.exit(0);
  }
  port.on('message', (request: QueryThreadRequest) => void handle(request));
  send({ kind: 'ready' });
}

async function handle(request: QueryThreadRequest): Promise<void> {
  try {
    switch (request.kind) {
      case 'query': {
        const result = await database.db.executeQuery<Record<string, unknown>>(
          CompiledQuery.raw(request.sql, request.parameters.map(asBuffer)),
        );
        send({ kind: 'rows', id: request.id, rows: result.rows });
        return;
      }
      case 'reopen':
        await database.reopen?.();
        send({ kind: 'done', id: request.id });
        return;
      case 'close':
        await database.close();
        send({ kind: 'done', id: request.id });
        port.close();
        return;
    }
  } catch (error) {
    send({ kind: 'error', id: request.id, error: toThreadError(error) });
  }
}

/** A `Buffer` parameter arrives as a plain `Uint8Array`, which better-sqlite3 does not bind. */
function asBuffer(value: unknown): unknown {
  return value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;
}
