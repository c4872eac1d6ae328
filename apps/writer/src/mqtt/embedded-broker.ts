import { createServer, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from '@meshview/log';
import type { MessageHandler } from './mqtt-source.js';
import {
  limitPublishSize,
  logCutMessages,
  MAX_PUBLISH_BYTES,
  PublishSizeLimit,
} from './publish-size-limit.js';

/** A running in-process broker that feeds the writer. */
export interface EmbeddedBroker {
  /** The TCP port it listens on (useful when 0 asked for a free one). */
  readonly port: number;
  /**
   * Stops taking messages: stops reading from publishers, then waits until every message the
   * broker has already acknowledged has been handed to the writer.
   */
  stop(): Promise<void>;
  /** Closes the connections and the listener. */
  close(): Promise<void>;
}

/** Where the embedded broker listens, whom it lets in, and where messages go. */
export interface EmbeddedBrokerOptions {
  readonly port: number;
  /** Where to listen; all interfaces by default, so that gateways on the network can publish. */
  readonly host?: string;
  /** When either is set, clients must give these credentials. */
  readonly username: string | null;
  readonly password: string | null;
  /** The topic filters the writer takes (`[mqtt] topics`). */
  readonly topics: readonly string[];
  readonly onMessage: MessageHandler;
  readonly logger: Logger;
}

/** Raised when the port is taken: says which broker probably holds it and what to do. */
export class BrokerPortInUseError extends Error {
  readonly code = 'WRITER_BROKER_PORT_IN_USE';

  constructor(port: number, cause: unknown) {
    super(
      `[mqtt] server = embedded cannot listen on port ${port}: it is already in use (a Mosquitto ` +
        `already running?). To ingest from that broker instead, set [mqtt] server = 127.0.0.1 ` +
        `(with its port, username and password); or give the embedded broker another [mqtt] port`,
      { cause },
    );
  }
}

/**
 * `[mqtt] server = embedded`: an aedes broker inside the writer, so that a Meshtastic gateway can
 * publish straight to it with no other software. The writer subscribes in-process, and a message
 * is handed over before the broker reports it published; `stop` makes sure that everything the
 * broker acknowledged to a publisher reached the writer.
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const { port, host, username, password, topics, onMessage, logger } = options;
  let unfinished = 0; // publishes accepted (and so acknowledged) but not yet handed over
  const broker = await Aedes.createBroker({
    authenticate: (client, user, pass, done) => {
      if (username === null && password === null) return done(null, true);
      if ((user ?? null) === username && (pass?.toString() ?? null) === password) {
        return done(null, true);
      }
      logger.warn(
        { clientId: client.id },
        'embedded broker: refused a client with wrong credentials',
      );
      const error = Object.assign(new Error('bad user name or password'), { returnCode: 4 });
      return done(error as Parameters<typeof done>[0], false);
    },
    authorizePublish: (client, _packet, done) => {
      if (client) unfinished += 1;
      done(null);
    },
    published: (_packet, client, done) => {
      if (client) unfinished -= 1;
      done(null);
    },
  });
  broker.on('clientError', (client, error) =>
    logger.debug({ clientId: client.id, err: error.message }, 'embedded broker: client error'),
  );
  for (const topic of topics) {
    await new Promise<void>((resolve) =>
      broker.subscribe(
        topic,
        (packet, done) => {
          const payload = Buffer.isBuffer(packet.payload)
            ? packet.payload
            : Buffer.from(packet.payload);
          const wait = onMessage(packet.topic, payload);
          if (wait) wait.then(done, done);
          else done();
        },
        resolve,
      ),
    );
  }
  const sockets = new Map<Socket, { pause(): void }>();
  const onCut = logCutMessages(logger, 'embedded broker');
  const server: Server = createServer((socket) => {
    // What publishers send reads through the size limit, before aedes parses it.
    const connection = limitPublishSize(socket, new PublishSizeLimit(MAX_PUBLISH_BYTES, onCut));
    // aedes' Client can stop parsing (its pause() is not in its typings).
    sockets.set(socket, broker.handle(connection as Socket) as unknown as { pause(): void });
    socket.once('close', () => sockets.delete(socket));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, ...(host ? { host } : {}) }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    broker.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new BrokerPortInUseError(port, error);
    }
    throw error;
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  logger.info(
    { port: actualPort, topics, auth: username !== null || password !== null },
    `embedded MQTT broker listening on port ${actualPort}: point gateways at this host`,
  );
  return {
    port: actualPort,
    async stop() {
      server.close();
      for (const client of sockets.values()) client.pause();
      // Packets parsed before the pause may still be on their way in: wait for a quiet moment.
      for (let quiet = 0; quiet < 2;) {
        await sleep(20);
        quiet = unfinished === 0 ? quiet + 1 : 0;
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets.keys()) socket.end();
        broker.close(() => resolve());
      }),
  };
}

/** Waits `ms` on the global timer (which tests can fake). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
