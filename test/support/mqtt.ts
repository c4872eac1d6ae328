import { randomBytes } from 'node:crypto';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

/** The external broker tests use (Mosquitto in CI), from `TEST_MQTT_URL`. */
export const testMqttUrl: string | undefined = process.env.TEST_MQTT_URL || undefined;

/** Why Mosquitto-backed suites are skipped; undefined when they run. */
export const mqttSkipReason: string | undefined = testMqttUrl
  ? undefined
  : 'skipped: TEST_MQTT_URL is not set (.ci/run sets it; e.g. mqtt://127.0.0.1:1883)';

/** A topic root of its own, so test files never see each other's messages on a shared broker. */
export function uniqueTopicRoot(name: string): string {
  return `msh/test-${name}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Connects a test publisher and waits for the CONNACK (rejects on a refused connection). */
export async function connectPublisher(
  url: string,
  options: IClientOptions = {},
): Promise<MqttClient> {
  const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
  await new Promise<void>((resolve, reject) => {
    const refused = (error: Error) => {
      client.end(true);
      reject(error);
    };
    client.once('error', refused);
    client.once('connect', () => {
      client.off('error', refused); // later errors (a broker restart) are the reconnect's business
      resolve();
    });
  });
  client.on('error', () => {});
  return client;
}

/** Publishes and resolves once the broker acknowledged it (QoS 1) or it was written (QoS 0). */
export function publish(
  client: MqttClient,
  topic: string,
  payload: Uint8Array,
  qos: 0 | 1 = 1,
): Promise<void> {
  return new Promise((resolve, reject) =>
    client.publish(topic, Buffer.from(payload), { qos }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}

/** Subscribes and resolves with the SUBACK's return code: the granted QoS, or 0x80 for a refusal. */
export function subscribeReturnCode(client: MqttClient, filter: string): Promise<number> {
  return new Promise((resolve, reject) =>
    client.subscribe(filter, { qos: 1 }, (error, granted) => {
      // MQTT.js reports a refusal as an error that carries the SUBACK packet.
      const refused = (error as { packet?: { granted?: number[] } } | null)?.packet?.granted?.[0];
      if (refused !== undefined) return resolve(refused);
      if (error) return reject(error);
      resolve(granted![0]!.qos);
    }),
  );
}
