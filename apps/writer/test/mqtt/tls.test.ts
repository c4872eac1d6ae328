import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { freshPacketId, textEnvelope, topicFor } from '@meshview/sim';
import { connectPublisher, publish, uniqueTopicRoot } from '#test/mqtt.js';
import { waitUntil } from '#test/processes.js';
import { repoRoot } from '#test/tmp.js';
import { countRows, startTestBroker } from './test-broker.js';
import { READY, startWriter } from './test-writer.js';

/** A test CA and a server certificate it signed for 127.0.0.1 and localhost (see its README). */
const FIXTURES = join(repoRoot, 'test', 'fixtures', 'tls');
const CA_FILE = join(FIXTURES, 'ca.pem');
const ca = readFileSync(CA_FILE);
const serverTls = {
  key: readFileSync(join(FIXTURES, 'server.key')),
  cert: readFileSync(join(FIXTURES, 'server.pem')),
};

/** `[mqtt]` keys that reach a TLS broker on `port`, two ways. */
const SPELLINGS = [
  {
    how: 'server = mqtts://127.0.0.1:<port>',
    keys: (port: number) => ({ server: `mqtts://127.0.0.1:${port}` }),
  },
  {
    how: 'server = 127.0.0.1, port, tls = true',
    keys: (port: number) => ({ server: '127.0.0.1', port, tls: 'true' }),
  },
] as const;

describe('a writer over TLS', { concurrent: true }, () => {
  for (const { how, keys } of SPELLINGS) {
    it(`stores what a TLS publisher sends, with ${how} and ca_file`, async ({
      expect,
      onTestFinished,
    }) => {
      const broker = await startTestBroker({ tls: serverTls });
      onTestFinished(() => broker.close());
      const root = uniqueTopicRoot('tls');
      const { writer, url } = await startWriter(onTestFinished, 'sqlite', 'tls', {
        ...keys(broker.port),
        ca_file: CA_FILE,
        topics: JSON.stringify([`${root}/#`]),
      });
      await writer.waitForLog(READY, 30_000);
      const connected = await writer.waitForLog('MQTT connected', 10_000);
      expect(connected.broker).toBe(`mqtts://127.0.0.1:${broker.port}`);
      await writer.waitForLog('MQTT subscribed', 5_000);

      const client = await connectPublisher(`mqtts://127.0.0.1:${broker.port}`, { ca });
      onTestFinished(() => client.endAsync(true));
      await publish(client, topicFor({ root }), textEnvelope('sealed', { id: freshPacketId() }));
      await waitUntil(async () => (await countRows(url, 'packet')) === 1, {
        timeoutMs: 10_000,
        what: 'the packet stored',
      });
      expect(writer.findLog('MQTT error')).toBeUndefined();
    });
  }

  it('does not connect to a broker whose certificate it cannot verify, and keeps retrying', async ({
    expect,
    onTestFinished,
  }) => {
    const broker = await startTestBroker({ tls: serverTls });
    onTestFinished(() => broker.close());
    const { writer } = await startWriter(onTestFinished, 'sqlite', 'tls_untrusted', {
      server: `mqtts://127.0.0.1:${broker.port}`,
      topics: JSON.stringify(['msh/#']),
    });
    await writer.waitForLog(READY, 30_000);
    const error = await writer.waitForLog('MQTT error', 10_000);
    expect(error.err).toMatch(/certificate/i);
    await waitUntil(() => writer.filterLogs('MQTT disconnected; reconnecting').length >= 2, {
      timeoutMs: 10_000,
      what: 'a second attempt',
    });
    expect(writer.filterLogs('MQTT error').length).toBeGreaterThanOrEqual(2);
    expect(writer.findLog(/^MQTT (re)?connected$/)).toBeUndefined();
    expect(broker.clients()).toBe(0);
    expect(writer.running).toBe(true);
  });
});
