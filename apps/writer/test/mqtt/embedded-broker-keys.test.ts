import { describe, it } from 'vitest';
import { freshPacketId, textEnvelope, topicFor } from '@meshview/sim';
import { connectPublisher, publish, subscribeReturnCode } from '#test/mqtt.js';
import { waitUntil } from '#test/processes.js';
import { countRows } from './test-broker.js';
import { READY, startWriter } from './test-writer.js';

describe('a writer with the embedded broker', { concurrent: true }, () => {
  it('by default refuses an anonymous subscriber, logs it, and still stores what an anonymous gateway publishes', async ({
    expect,
    onTestFinished,
  }) => {
    const { writer, url } = await startWriter(onTestFinished, 'sqlite', 'broker_closed', {
      bind: '127.0.0.1',
    });
    const ready = await writer.waitForLog(READY, 30_000);
    const port = Number(ready.brokerPort);
    const listening = writer.findLog('embedded MQTT broker listening');
    expect(listening).toMatchObject({ address: '127.0.0.1', anonymousSubscribe: false });
    expect(listening?.msg).toContain('(127.0.0.1, this machine only)');

    const snooper = await connectPublisher(`mqtt://127.0.0.1:${port}`, { clientId: 'snooper-7' });
    onTestFinished(() => snooper.endAsync(true));
    const seen: string[] = [];
    snooper.on('message', (topic) => seen.push(topic));
    expect(await subscribeReturnCode(snooper, 'msh/#')).toBe(0x80);
    const refusal = await writer.waitForLog((line) => line.clientId === 'snooper-7', 5000);
    expect(refusal).toMatchObject({ level: 40, filter: 'msh/#' });

    const gateway = await connectPublisher(`mqtt://127.0.0.1:${port}`);
    onTestFinished(() => gateway.endAsync(true));
    await publish(
      gateway,
      topicFor({}),
      textEnvelope('only for the writer', { id: freshPacketId() }),
    );
    await waitUntil(async () => (await countRows(url, 'packet')) === 1, {
      timeoutMs: 10_000,
      what: 'the packet stored',
    });
    expect(seen).toEqual([]);
    expect(writer.findLog('[mqtt] allow_anonymous_subscribe = true and')).toBeUndefined();
  });

  it('with allow_anonymous_subscribe = true on all interfaces, warns at start and lets an anonymous subscriber read', async ({
    expect,
    onTestFinished,
  }) => {
    const { writer } = await startWriter(onTestFinished, 'sqlite', 'broker_open', {
      bind: '*',
      allow_anonymous_subscribe: 'true',
    });
    const ready = await writer.waitForLog(READY, 30_000);
    const port = Number(ready.brokerPort);
    const warning = writer.findLog('[mqtt] allow_anonymous_subscribe = true and');
    expect(warning).toMatchObject({ level: 40, port });
    expect(warning!.msg).toContain('all interfaces');
    expect(warning!.time).toBeLessThanOrEqual(ready.time);

    const listener = await connectPublisher(`mqtt://127.0.0.1:${port}`);
    onTestFinished(() => listener.endAsync(true));
    const seen: string[] = [];
    listener.on('message', (topic) => seen.push(topic));
    expect(await subscribeReturnCode(listener, 'msh/#')).toBe(1);
    const gateway = await connectPublisher(`mqtt://127.0.0.1:${port}`);
    onTestFinished(() => gateway.endAsync(true));
    const topic = topicFor({});
    await publish(gateway, topic, textEnvelope('for everyone', { id: freshPacketId() }));
    await waitUntil(() => seen.length === 1, { timeoutMs: 5000, what: 'the subscriber to get it' });
    expect(seen).toEqual([topic]);
  });
});
