import { createServer, type Server, type Socket } from 'node:net';
import { Aedes, type Client } from 'aedes';
import { listenFailureCause, listenHost } from '@meshview/config';
import type { Logger } from '@meshview/log';
import {
  BrokerBindError,
  BrokerPortForbiddenError,
  BrokerPortInUseError,
} from './broker-errors.js';
import { isLoopbackAddress } from './is-loopback-address.js';
import type { MessageHandler } from './mqtt-source.js';
import {
  limitPublishSize,
  logCutMessages,
  MAX_PUBLISH_BYTES,
  PublishSizeLimit,
} from './publish-size-limit.js';
import { RefusedSubscriptionLog } from './refused-subscription-log.js';

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
  /**
   * `[mqtt] bind`: the address or host name to listen on; `*` (as in `[server] bind`) means all
   * interfaces, so that gateways on the network can publish.
   */
  readonly bind: string;
  /**
   * When either is set, clients must give these credentials to connect (and so to publish or
   * subscribe); when neither is, anyone may connect and publish.
   */
  readonly username: string | null;
  readonly password: string | null;
  /**
   * `[mqtt] allow_anonymous_subscribe`: lets TCP clients that gave no credentials subscribe.
   * Without it, a TCP client may subscribe only with the credentials, and with none set, none
   * may; the writer's own (in-process) subscription always works.
   */
  readonly allowAnonymousSubscribe: boolean;
  /** The topic filters the writer takes (`[mqtt] topics`). */
  readonly topics: readonly string[];
  readonly onMessage: MessageHandler;
  readonly logger: Logger;
}

/**
 * `[mqtt] server = embedded`: an aedes broker inside the writer, so that a Meshtastic gateway can
 * publish straight to it with no other software. The writer subscribes in-process, and a message
 * is handed over before the broker reports it published; `stop` makes sure that everything the
 * broker acknowledged to a publisher reached the writer.
 *
 * Who may do what over TCP: anyone may connect and publish, unless `username`/`password` are set
 * (then only with them). Subscribing needs the credentials (so with none set nobody can), unless
 * `allowAnonymousSubscribe`; a refused subscription is answered with SUBACK failure 0x80 and
 * logged (rate-limited).
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const { port, bind, username, password, allowAnonymousSubscribe, topics, onMessage, logger } =
    options;
  const credentialsSet = username !== null || password !== null;
  // Clients that connected with the credentials: only they may subscribe (unless anonymous
  // subscriptions are allowed). In-process subscriptions do not pass through aedes' authorizer.
  const credentialed = new WeakSet<Client>();
  const refusals = new RefusedSubscriptionLog({ logger });
  let unfinished = 0; // publishes accepted (and so acknowledged) but not yet handed over
  const broker = await Aedes.createBroker({
    authenticate: (client, user, pass, done) => {
      if (!credentialsSet) return done(null, true);
      if ((user ?? null) === username && (pass?.toString() ?? null) === password) {
        credentialed.add(client);
        return done(null, true);
      }
      logger.warn(
        { clientId: client.id },
        'embedded broker: refused a client with wrong credentials',
      );
      const error = Object.assign(new Error('bad user name or password'), { returnCode: 4 });
      return done(error, false);
    },
    authorizeSubscribe: (client, subscription, done) => {
      if (client === null || credentialed.has(client) || allowAnonymousSubscribe) {
        return done(null, subscription);
      }
      refusals.record(client.id, subscription.topic);
      // A null subscription is a refusal: aedes answers it with SUBACK return code 0x80.
      return done(null, null);
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
    sockets.set(socket, broker.handle(connection) as unknown as { pause(): void });
    socket.once('close', () => sockets.delete(socket));
  });
  // `*` leaves the choice to Node: `::` (IPv6 and IPv4) where the host has IPv6, else 0.0.0.0.
  const host = listenHost(bind) === '::' ? undefined : listenHost(bind);
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
    const why = listenFailureCause(error);
    if (why?.code === 'EADDRINUSE') throw new BrokerPortInUseError(port, error);
    if (why?.code === 'EACCES') throw new BrokerPortForbiddenError(port, error);
    if (why?.key === 'bind') throw new BrokerBindError(bind, port, why, error);
    throw error;
  }
  const bound = server.address();
  const actualPort = typeof bound === 'object' && bound ? bound.port : port;
  const address = typeof bound === 'object' && bound ? bound.address : String(host);
  const localOnly = isLoopbackAddress(address);
  const where =
    address === '::' || address === '0.0.0.0'
      ? 'all interfaces'
      : `${address}${localOnly ? ', this machine only' : ''}`;
  logger.info(
    {
      port: actualPort,
      address,
      topics,
      auth: credentialsSet,
      anonymousSubscribe: allowAnonymousSubscribe && !credentialsSet,
    },
    `embedded MQTT broker listening on port ${actualPort} (${where}): point gateways at this host`,
  );
  if (allowAnonymousSubscribe && credentialsSet) {
    logger.warn(
      { allowAnonymousSubscribe },
      '[mqtt] allow_anonymous_subscribe = true has no effect: with [mqtt] username/password set, ' +
        'every client of the embedded broker must give them',
    );
  } else if (allowAnonymousSubscribe && !localOnly) {
    logger.warn(
      { address, port: actualPort, allowAnonymousSubscribe },
      `[mqtt] allow_anonymous_subscribe = true and the embedded broker listens on ${where}: ` +
        `anyone who reaches port ${actualPort} can subscribe and read every gateway's traffic. ` +
        `Set [mqtt] username and password, set [mqtt] bind = 127.0.0.1, or firewall the port`,
    );
  }
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
