import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { MqttConfig } from '@meshview/config';
import type { Logger } from '@meshview/log';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import {
  limitPublishSize,
  logCutMessages,
  MAX_PUBLISH_BYTES,
  PublishSizeLimit,
} from './publish-size-limit.js';

/** Handles one message; a returned promise holds the next one back until it settles. */
export type MessageHandler = (topic: string, payload: Buffer) => Promise<void> | undefined;

/** What the MQTT source needs. */
export interface MqttSourceProps {
  readonly mqtt: MqttConfig;
  /** The broker's URL when it is not derived from `[mqtt] server`/`port` (the embedded one). */
  readonly url?: string;
  readonly onMessage: MessageHandler;
  readonly logger: Logger;
  /** Called on every reconnect (not the first connect). */
  readonly onReconnect?: () => void;
  readonly backoff?: BackoffOptions;
}

/**
 * The broker URL for `[mqtt]`: a host name or address as in MeshView (with `[mqtt] port`), or a
 * URL. A URL without a port takes `[mqtt] port` for `mqtt:`/`tcp:` and its scheme's own default
 * otherwise (8883 for `mqtts:`, 443 for `wss:`…). `tls = true` turns the plain schemes into their
 * TLS ones.
 */
export function brokerUrl(config: MqttConfig): string {
  if (/^[a-z]+:\/\//i.test(config.server)) {
    const url = new URL(config.server);
    if (config.tls) {
      const secure: Record<string, string> = { 'mqtt:': 'mqtts:', 'tcp:': 'mqtts:', 'ws:': 'wss:' };
      url.protocol = secure[url.protocol] ?? url.protocol;
    }
    if (url.port === '' && (url.protocol === 'mqtt:' || url.protocol === 'tcp:')) {
      url.port = String(config.port);
    } else if (url.port === '' && url.protocol === 'mqtts:') {
      url.port = '8883';
    }
    return url.toString().replace(/\/$/, '');
  }
  const bare = config.server.replace(/^\[(.*)\]$/, '$1');
  const host = bare.includes(':') ? `[${bare}]` : bare;
  return `${config.tls ? 'mqtts' : 'mqtt'}://${host}:${config.port}`;
}

/** A URL with the password masked, for logs. */
const masked = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/**
 * The writer's MQTT client: connects, subscribes to `[mqtt] topics`, and hands every message to
 * `onMessage` one at a time (back-pressure: the next message is read only when the handler's
 * promise settles, and a QoS 1 message is acknowledged only then). It reconnects forever with
 * capped exponential backoff and jitter, logging every connect, disconnect and subscription.
 */
export class MqttSource {
  readonly #props: MqttSourceProps;
  readonly #url: string;
  #client: MqttClient | undefined;
  #attempt = 0;
  #connectedOnce = false;
  #stopping = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(props: MqttSourceProps) {
    this.#props = props;
    this.#url = props.url ?? brokerUrl(props.mqtt);
  }

  /** Connects (and keeps reconnecting) until `stop`. */
  start(): void {
    const { mqtt: config, logger } = this.#props;
    const options: IClientOptions = {
      clientId: config.clientId ?? `meshview-writer-${hostname()}-${process.pid}`,
      clean: config.cleanSession,
      keepalive: config.keepalive,
      reconnectPeriod: 0, // reconnects are ours: capped exponential backoff with jitter
      connectTimeout: 30_000,
      ...(config.username !== null ? { username: config.username } : {}),
      ...(config.password !== null ? { password: config.password } : {}),
      ...(config.caFile !== null ? { ca: readFileSync(config.caFile) } : {}),
    };
    const client = mqtt.connect(this.#url, { ...options, manualConnect: true });
    this.#client = client;
    // Every connection, reconnects included, reads through the size limit. mqtt.js opens each
    // one with `streamBuilder`: public in its JavaScript, private in its typings.
    const opener = client as unknown as { streamBuilder: (c: MqttClient) => Duplex };
    const open = opener.streamBuilder;
    const onCut = logCutMessages(logger, 'MQTT client');
    opener.streamBuilder = (c) =>
      limitPublishSize(open(c), new PublishSizeLimit(MAX_PUBLISH_BYTES, onCut));
    client.handleMessage = (packet, done) => {
      const payload = Buffer.isBuffer(packet.payload)
        ? packet.payload
        : Buffer.from(packet.payload);
      let wait: Promise<void> | undefined;
      try {
        wait = this.#props.onMessage(packet.topic, payload);
      } catch (error) {
        logger.error({ err: error, topic: packet.topic }, 'message handler failed');
      }
      if (wait)
        wait.then(
          () => done(),
          () => done(),
        );
      else done();
    };
    client.on('connect', (connack) => {
      const reconnect = this.#connectedOnce;
      this.#connectedOnce = true;
      this.#attempt = 0;
      if (reconnect) this.#props.onReconnect?.();
      logger.info(
        {
          broker: masked(this.#url),
          clientId: options.clientId,
          sessionPresent: connack.sessionPresent,
        },
        reconnect ? 'MQTT reconnected' : 'MQTT connected',
      );
      this.#subscribe(client);
    });
    client.on('close', () => {
      if (this.#stopping) return;
      const delay = backoffDelay(
        this.#attempt++,
        this.#props.backoff ?? { baseMs: 1000, maxMs: 60_000 },
      );
      logger.warn(
        { broker: masked(this.#url), retryInMs: delay, attempt: this.#attempt },
        'MQTT disconnected; reconnecting',
      );
      this.#timer = setTimeout(() => {
        if (!this.#stopping) client.reconnect();
      }, delay);
    });
    client.on('error', (error) => {
      logger.warn({ broker: masked(this.#url), err: error.message }, 'MQTT error');
    });
    client.connect();
  }

  #subscribe(client: MqttClient): void {
    const { mqtt: config, logger } = this.#props;
    for (const topic of config.topics) {
      client.subscribe(topic, { qos: config.qos }, (error, granted) => {
        if (error) {
          logger.error({ topic, err: error.message }, 'MQTT subscription failed');
          return;
        }
        for (const grant of granted ?? []) {
          if (grant.qos === 128)
            logger.error({ topic: grant.topic }, 'MQTT subscription refused by the broker');
          else logger.info({ topic: grant.topic, qos: grant.qos }, 'MQTT subscribed');
        }
      });
    }
  }

  /** Stops reading: no message is handled after this resolves. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    if (!client) return;
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
    this.#props.logger.info({}, 'MQTT connection closed');
  }
}
