import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes } from 'aedes';
import { sql } from 'kysely';
import { openDatabase } from '@meshview/db';

/** A broker the test runs in its own process, standing for the operator's broker. */
export interface TestBroker {
  readonly port: number;
  /** Clients that completed an MQTT CONNECT. */
  readonly clients: () => number;
  close(): Promise<void>;
}

/**
 * An aedes broker on `port` (0: a free one) on 127.0.0.1, over TCP, or over TLS when `tls` gives
 * the server's key and certificate.
 */
export async function startTestBroker({
  port = 0,
  tls,
}: {
  readonly port?: number;
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer };
} = {}): Promise<TestBroker> {
  const broker = await Aedes.createBroker();
  let connected = 0;
  broker.on('client', () => (connected += 1));
  const sockets = new Set<Socket>();
  const accept = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    broker.handle(socket);
  };
  const server: Server = tls
    ? createTlsServer({ key: tls.key, cert: tls.cert }, accept)
    : createTcpServer(accept);
  if (tls) server.on('tlsClientError', () => {}); // a client that refuses our certificate
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as { port: number }).port,
    clients: () => connected,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Rows in a table of the database at `url`, through a connection of its own. */
export async function countRows(url: string, table: string): Promise<number> {
  const handle = await openDatabase<unknown>(url);
  try {
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(handle.db);
    return Number(rows[0]!.n);
  } finally {
    await handle.close();
  }
}

/** The writer's `writer_stats` rows, counters as numbers (PostgreSQL returns bigints as text). */
export async function writerStats(url: string): Promise<Record<string, number>[]> {
  const handle = await openDatabase<unknown>(url);
  try {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM writer_stats`.execute(
      handle.db,
    );
    return rows.map((row) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([, value]) => typeof value === 'number' || /^\d+$/.test(String(value)))
          .map(([key, value]) => [key, Number(value)]),
      ),
    );
  } finally {
    await handle.close();
  }
}
