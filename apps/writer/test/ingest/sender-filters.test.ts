import type { MqttClient } from 'mqtt';
import { describe, it } from 'vitest';
import { freshPacketId, textEnvelope, topicFor } from '@meshview/sim';
import { DIALECTS, type DialectUnderTest } from '#test/databases.js';
import { connectPublisher, publish, uniqueTopicRoot } from '#test/mqtt.js';
import { waitUntil } from '#test/processes.js';
import { countRows, writerStats } from '../mqtt/test-broker.js';
import { READY, startWriter, type OnFinished } from '../mqtt/test-writer.js';

/**
 * A writer with its embedded broker and these `[mqtt]` keys, and a function that publishes
 * `count` new text packets from a sender (QoS 1: resolved once the writer has taken each).
 */
async function writerWith(
  onTestFinished: OnFinished,
  dialect: DialectUnderTest,
  name: string,
  mqtt: Readonly<Record<string, string | number>>,
) {
  const root = uniqueTopicRoot(name);
  const { writer, url } = await startWriter(onTestFinished, dialect, `${name}_${dialect}`, {
    ...mqtt,
    topics: JSON.stringify([`${root}/#`]),
  });
  const ready = await writer.waitForLog(READY, 30_000);
  const client: MqttClient = await connectPublisher(`mqtt://127.0.0.1:${String(ready.brokerPort)}`);
  onTestFinished(() => client.endAsync(true));
  const send = async (from: number, count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      await publish(
        client,
        topicFor({ root }),
        textEnvelope(`from ${from}`, { id: freshPacketId(), from }),
      );
    }
  };
  /** SIGTERM (which writes what was taken and the counters), then the writer_stats row. */
  const stop = async () => {
    writer.kill('SIGTERM');
    const exit = await writer.waitForExit(15_000);
    if (exit.code !== 0)
      throw new Error(`the writer exited ${exit.code ?? exit.signal}\n${writer.output()}`);
    const rows = await writerStats(url);
    if (rows.length !== 1) throw new Error(`${rows.length} writer_stats rows`);
    return rows[0]!;
  };
  return { url, send, stop };
}

describe('what the writer takes from which sender', { concurrent: true }, () => {
  for (const { name: dialect, skip } of DIALECTS) {
    it.skipIf(skip)(
      `drops the packets of skip_node_ids (hex, !hex and decimal), counted as skipped, and keeps the others (${dialect})${skip ? ` (${skip})` : ''}`,
      async ({ expect, onTestFinished }) => {
        const { url, send, stop } = await writerWith(onTestFinished, dialect, 'skip_nodes', {
          skip_node_ids: '0x1a2b3c4d, !0a0b0c0e, 305419896',
        });
        await send(0x1a2b3c4d, 3);
        await send(0x0a0b0c0e, 2);
        await send(305_419_896, 1); // 0x12345678
        await send(0x0a0b0c0f, 4); // a neighbour of a skipped one
        await send(0x55667788, 2);
        await waitUntil(async () => (await countRows(url, 'packet')) >= 6, {
          timeoutMs: 10_000,
          what: '6 packets stored',
        });
        const stats = await stop();
        expect(stats).toMatchObject({
          received: 12,
          skipped: 6,
          stored: 6,
          malformed: 0,
          dropped: 0,
        });
        expect(await countRows(url, 'packet')).toBe(6);
      },
    );

    it.skipIf(skip)(
      `stores rate_limit_per_node messages a node sends within the window and counts the rest (${dialect})${skip ? ` (${skip})` : ''}`,
      async ({ expect, onTestFinished }) => {
        const { url, send, stop } = await writerWith(onTestFinished, dialect, 'rate_limit', {
          rate_limit_per_node: 5,
          rate_limit_window_s: 60,
        });
        await send(0x2b2b2b2b, 20);
        await send(0x3c3c3c3c, 3); // another node has a limit of its own
        await waitUntil(async () => (await countRows(url, 'packet')) >= 8, {
          timeoutMs: 10_000,
          what: '8 packets stored',
        });
        const stats = await stop();
        expect(stats).toMatchObject({
          received: 23,
          stored: 8,
          rate_limited: 15,
          skipped: 0,
          dropped: 0,
        });
        expect(await countRows(url, 'packet')).toBe(8);
      },
    );
  }
});
