import { describe, it } from 'vitest';
import { freshPacketId, textEnvelope, topicFor } from '@meshview/sim';
import { DIALECTS } from '#test/databases.js';
import { connectPublisher, publish, uniqueTopicRoot } from '#test/mqtt.js';
import { waitUntil } from '#test/processes.js';
import { countRows, startTestBroker, writerStats } from './test-broker.js';
import { freePort } from '#test/free-port.js';
import { READY, startWriter } from './test-writer.js';

const RETRYING = 'MQTT disconnected; reconnecting';

describe('a writer whose broker is away', { concurrent: true }, () => {
  for (const { name: dialect, skip } of DIALECTS) {
    it.skipIf(skip)(
      `keeps running and retrying with a growing backoff, and ingests once the broker is up (${dialect})${skip ? ` (${skip})` : ''}`,
      { timeout: 40_000 },
      async ({ expect, onTestFinished }) => {
        const port = await freePort(); // nothing listens there yet
        const root = uniqueTopicRoot('away');
        const { writer, url } = await startWriter(
          onTestFinished,
          dialect,
          `broker_away_${dialect}`,
          {
            server: '127.0.0.1',
            port,
            topics: JSON.stringify([`${root}/#`]),
          },
        );
        await writer.waitForLog(READY, 30_000);
        await waitUntil(() => writer.filterLogs(RETRYING).length >= 3, {
          timeoutMs: 15_000,
          what: `three "${RETRYING}" lines`,
        }).catch((error: Error) => {
          throw new Error(`${error.message}\n${writer.output()}`);
        });
        expect(writer.running).toBe(true);
        expect(writer.findLog('MQTT error')?.err).toMatch(/ECONNREFUSED/);
        // Full jitter: each wait is random up to a ceiling that doubles with every attempt
        // (1 s, 2 s, 4 s …, at most 60 s), and never below 500 ms.
        const retries = writer.filterLogs(RETRYING).slice(0, 3);
        expect(retries.map((line) => line.attempt)).toEqual([1, 2, 3]);
        for (const line of retries) {
          expect(line.broker).toBe(`mqtt://127.0.0.1:${port}`);
          expect(line.retryInMs).toBeGreaterThanOrEqual(500);
          expect(line.retryInMs).toBeLessThanOrEqual(1000 * 2 ** (Number(line.attempt) - 1));
        }
        // Each attempt waited for its delay: no tight loop.
        const [first, second, third] = retries;
        expect(third!.time - first!.time).toBeGreaterThanOrEqual(
          Number(first!.retryInMs) + Number(second!.retryInMs) - 20,
        );

        const broker = await startTestBroker({ port });
        onTestFinished(() => broker.close());
        await writer.waitForLog('MQTT connected', 15_000);
        const subscribed = await writer.waitForLog('MQTT subscribed', 5_000);
        expect(subscribed).toMatchObject({ topic: `${root}/#`, qos: 0 });
        const client = await connectPublisher(`mqtt://127.0.0.1:${port}`);
        onTestFinished(() => client.endAsync(true));
        const id = freshPacketId();
        await publish(client, topicFor({ root }), textEnvelope('back again', { id }));
        await waitUntil(async () => (await countRows(url, 'packet')) === 1, {
          timeoutMs: 10_000,
          what: 'the packet stored',
        });

        writer.kill('SIGTERM');
        expect((await writer.waitForExit(15_000)).code, writer.output()).toBe(0);
        expect(writer.running).toBe(false);
        expect(await writerStats(url)).toEqual([
          expect.objectContaining({ received: 1, stored: 1, dropped: 0, reconnects: 0 }),
        ]);
      },
    );
  }

  it('stops at once on SIGTERM while it waits to retry', async ({ expect, onTestFinished }) => {
    const port = await freePort();
    const { writer } = await startWriter(onTestFinished, 'sqlite', 'broker_away_stop', {
      server: '127.0.0.1',
      port,
    });
    await writer.waitForLog(RETRYING, 30_000);
    const triesBefore = writer.filterLogs(RETRYING).length;
    writer.kill('SIGTERM');
    expect((await writer.waitForExit(30_000)).code, writer.output()).toBe(0);
    // It did not try the broker again before stopping: the wait was cut short, not sat out.
    expect(writer.filterLogs(RETRYING)).toHaveLength(triesBefore);
    expect(writer.findLog('writer stopped')).toBeDefined();
  });
});
