import { networkInterfaces } from 'node:os';
import type { MqttClient } from 'mqtt';
import { pino } from 'pino';
import { describe, it, type TestContext } from 'vitest';
import { connectPublisher, publish, subscribeReturnCode } from '#test/mqtt.js';
import { waitUntil } from '#test/processes.js';
import {
  startEmbeddedBroker,
  type EmbeddedBroker,
  type EmbeddedBrokerOptions,
} from '../../src/mqtt/embedded-broker.js';
import { REFUSED_SUBSCRIPTION_MESSAGE } from '../../src/mqtt/refused-subscription-log.js';

type LogLine = Record<string, unknown> & { msg: string; level: number };

/** An embedded broker on a free port, the messages it handed to the writer, and its log. */
async function startBroker(
  onTestFinished: TestContext['onTestFinished'],
  options: Partial<EmbeddedBrokerOptions> = {},
): Promise<{ broker: EmbeddedBroker; received: string[]; lines: LogLine[] }> {
  const received: string[] = [];
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  );
  const broker = await startEmbeddedBroker({
    port: 0,
    bind: '127.0.0.1',
    username: null,
    password: null,
    allowAnonymousSubscribe: false,
    topics: ['msh/#'],
    onMessage: (topic, payload) => {
      received.push(`${topic} ${Buffer.from(payload).toString()}`);
      return undefined;
    },
    logger,
    ...options,
  });
  onTestFinished(() => broker.close());
  return { broker, received, lines };
}

/** A connected client that ends with the test. */
async function connect(
  onTestFinished: TestContext['onTestFinished'],
  url: string,
  options: { username?: string; password?: string; clientId?: string } = {},
): Promise<MqttClient> {
  const client = await connectPublisher(url, options);
  onTestFinished(() => client.endAsync(true));
  return client;
}

/** The messages a client receives, as `topic payload`. */
function inbox(client: MqttClient): string[] {
  const messages: string[] = [];
  client.on('message', (topic, payload) => messages.push(`${topic} ${payload.toString()}`));
  return messages;
}

/** Every address of this machine's interfaces. */
function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [info.address] : []));
}

/** A non-loopback IPv4 address of this machine, if it has one. */
function otherLocalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal)?.address;
}

/** Whether a TCP connection to `url` is refused (nothing listens at that address). */
async function refusesConnections(url: string): Promise<boolean> {
  try {
    const client = await connectPublisher(url, { connectTimeout: 2000 });
    await client.endAsync(true);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
  }
}

/** Gives a message time to reach a subscriber it should not reach, after the writer got it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('the embedded broker: who may subscribe and publish', { concurrent: true }, () => {
  it('refuses a subscriber without credentials by default (SUBACK 0x80), logging its client id and filter', async ({
    expect,
    onTestFinished,
  }) => {
    const { broker, received, lines } = await startBroker(onTestFinished);
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const snooper = await connect(onTestFinished, url, { clientId: 'snooper-1' });
    const seen = inbox(snooper);
    expect(await subscribeReturnCode(snooper, '#')).toBe(0x80);
    expect(await subscribeReturnCode(snooper, 'msh/#')).toBe(0x80);

    const gateway = await connect(onTestFinished, url);
    await publish(gateway, 'msh/EU/2/e/LongFast/!0000abcd', Buffer.from('secret'));
    await waitUntil(() => received.length === 1, { timeoutMs: 5000, what: 'the writer to get it' });
    await settle();
    expect(seen).toEqual([]);
    expect(snooper.connected).toBe(true); // told, not disconnected

    const refusals = lines.filter((line) => line.msg === REFUSED_SUBSCRIPTION_MESSAGE);
    // The second refusal came within the minute: counted, not logged.
    expect(refusals).toEqual([
      expect.objectContaining({ level: 40, clientId: 'snooper-1', filter: '#', refused: 1 }),
    ]);
  });

  it('accepts a publisher without credentials when none are set, and hands the writer its message', async ({
    expect,
    onTestFinished,
  }) => {
    const { broker, received, lines } = await startBroker(onTestFinished);
    const gateway = await connect(onTestFinished, `mqtt://127.0.0.1:${broker.port}`);
    await publish(gateway, 'msh/US/2/e/LongFast/!0000abcd', Buffer.from('hello'), 1);
    await publish(gateway, 'msh/US/2/e/LongFast/!0000abcd', Buffer.from('again'), 0);
    await waitUntil(() => received.length === 2, { timeoutMs: 5000, what: 'both messages' });
    expect(received).toEqual([
      'msh/US/2/e/LongFast/!0000abcd hello',
      'msh/US/2/e/LongFast/!0000abcd again',
    ]);
    expect(lines.find((line) => line.level >= 40)).toBeUndefined();
  });

  it('with username and password set: a subscriber with them receives messages; without them nobody connects', async ({
    expect,
    onTestFinished,
  }) => {
    const credentials = { username: 'mesh', password: 'large4cats' };
    const { broker, received } = await startBroker(onTestFinished, credentials);
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const reader = await connect(onTestFinished, url, credentials);
    const seen = inbox(reader);
    expect(await subscribeReturnCode(reader, 'msh/#')).toBe(1);

    const gateway = await connect(onTestFinished, url, credentials);
    await publish(gateway, 'msh/EU/2/e/LongFast/!0000abcd', Buffer.from('for members'));
    await waitUntil(() => seen.length === 1, { timeoutMs: 5000, what: 'the subscriber to get it' });
    expect(seen).toEqual(['msh/EU/2/e/LongFast/!0000abcd for members']);
    await waitUntil(() => received.length === 1, { timeoutMs: 5000, what: 'the writer to get it' });

    // Neither an anonymous client nor one with a wrong password gets in, to read or to publish.
    await expect(connectPublisher(url)).rejects.toThrow(/Not authorized|Bad username/i);
    await expect(connectPublisher(url, { username: 'mesh', password: 'wrong' })).rejects.toThrow(
      /Not authorized|Bad username/i,
    );
  });

  it('allow_anonymous_subscribe = true lets an anonymous subscriber in, and warns when listening beyond this machine', async ({
    expect,
    onTestFinished,
  }) => {
    const { broker, lines } = await startBroker(onTestFinished, {
      bind: '*',
      allowAnonymousSubscribe: true,
    });
    const warning = lines.find((line) => line.msg.includes('allow_anonymous_subscribe = true'));
    expect(warning).toMatchObject({ level: 40, port: broker.port });
    expect(warning!.msg).toContain('all interfaces');
    expect(warning!.msg).toContain('anyone who reaches port');
    expect(warning!.msg).toContain('[mqtt] username and password');

    const url = `mqtt://127.0.0.1:${broker.port}`;
    const listener = await connect(onTestFinished, url);
    const seen = inbox(listener);
    expect(await subscribeReturnCode(listener, 'msh/#')).toBe(1);
    const gateway = await connect(onTestFinished, url);
    await publish(gateway, 'msh/EU/2/e/LongFast/!0000abcd', Buffer.from('open'));
    await waitUntil(() => seen.length === 1, { timeoutMs: 5000, what: 'the subscriber to get it' });
  });

  it('allow_anonymous_subscribe = true on 127.0.0.1 does not warn: only this machine can reach it', async ({
    expect,
    onTestFinished,
  }) => {
    const { broker, lines } = await startBroker(onTestFinished, { allowAnonymousSubscribe: true });
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    expect(
      lines.find((line) => line.msg.startsWith('embedded MQTT broker listening')),
    ).toMatchObject({ address: '127.0.0.1', port: broker.port, anonymousSubscribe: true });
  });
});

describe('the embedded broker: [mqtt] bind', { concurrent: true }, () => {
  const other = otherLocalAddress();

  it('bind = 127.0.0.1 listens there and nowhere else', async ({
    expect,
    onTestFinished,
    skip,
  }) => {
    const { broker, lines } = await startBroker(onTestFinished, { bind: '127.0.0.1' });
    expect(lines.find((line) => line.msg.startsWith('embedded MQTT broker listening'))!.msg).toBe(
      `embedded MQTT broker listening on port ${broker.port} (127.0.0.1, this machine only): ` +
        'point gateways at this host',
    );
    const client = await connect(onTestFinished, `mqtt://127.0.0.1:${broker.port}`);
    expect(client.connected).toBe(true);
    if (other === undefined) skip('this machine has no non-loopback IPv4 address to try');
    expect(await refusesConnections(`mqtt://${other}:${broker.port}`)).toBe(true);
  });

  it('bind = another local address listens there and not on 127.0.0.1', async ({
    expect,
    onTestFinished,
    skip,
  }) => {
    if (other === undefined) skip('this machine has no non-loopback IPv4 address to try');
    const { broker } = await startBroker(onTestFinished, { bind: other });
    const client = await connect(onTestFinished, `mqtt://${other}:${broker.port}`);
    expect(client.connected).toBe(true);
    expect(await refusesConnections(`mqtt://127.0.0.1:${broker.port}`)).toBe(true);
  });

  it('bind = an address no interface has stops the start, naming [mqtt] bind and what to do', async ({
    expect,
    onTestFinished,
    skip,
  }) => {
    // 203.0.113.0/24 is TEST-NET-3 (RFC 5737), documentation only.
    const nowhere = '203.0.113.77';
    if (localAddresses().includes(nowhere)) skip(`this machine has ${nowhere}`);
    const start = startBroker(onTestFinished, { bind: nowhere });
    await expect(start).rejects.toMatchObject({ code: 'WRITER_BROKER_BIND_UNAVAILABLE' });
    await expect(start).rejects.toThrow(
      /^\[mqtt\] bind = 203\.0\.113\.77: the embedded broker cannot listen there \(EADDRNOTAVAIL: no interface of this machine has that address\)\. Set \[mqtt\] bind to an address of this machine, 127\.0\.0\.1 .* or \* for all interfaces/,
    );
  });
});
