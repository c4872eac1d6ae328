import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import { topicFor } from '@meshview/sim';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { connectPublisher, uniqueTopicRoot } from '#test/mqtt.js';
import { killAllApps, startApp, waitUntil, writeAppConfig } from '#test/processes.js';
import { mosquittoMissing, PrivateMosquitto } from '#test/private-mosquitto.js';
import { SteadyStream } from '#test/steady-stream.js';
import { makeTempDir } from '#test/tmp.js';

const READY = /^writer ready$/;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(
    `nothing acknowledged is lost on ${dialect}${skip ? ` (${skip})` : ''}`,
    () => {
      const cleanup: (() => Promise<unknown>)[] = [];
      afterEach(async () => {
        for (const close of cleanup.splice(0).reverse()) await close().catch(() => {});
        await killAllApps();
      });

      async function packets(url: string): Promise<number> {
        const handle = await openDatabase<unknown>(url);
        try {
          return Number(
            (await sql<{ n: number }>`SELECT count(*) AS n FROM packet`.execute(handle.db)).rows[0]!
              .n,
          );
        } finally {
          await handle.close();
        }
      }

      it(
        'stores every message its embedded broker acknowledged when stopped mid-stream',
        { timeout: 60_000 },
        async () => {
          const url = await freshDatabaseUrl(dialect, 'loss_embedded');
          const root = uniqueTopicRoot('loss');
          const config = writeAppConfig(makeTempDir('loss'), {
            connectionString: url,
            mqtt: { topics: JSON.stringify([`${root}/#`]) },
          });
          const writer = startApp('writer', ['--config', config]);
          const ready = await writer.waitForLog(READY, 30_000);
          const client = await connectPublisher(`mqtt://127.0.0.1:${String(ready.brokerPort)}`);
          cleanup.push(() => client.endAsync(true));
          const stream = new SteadyStream(client, topicFor({ root }));
          await waitUntil(() => stream.acked >= 2000, {
            timeoutMs: 20_000,
            what: '2000 acknowledged messages',
          });
          writer.kill('SIGTERM');
          expect((await writer.waitForExit(30_000)).code, writer.output()).toBe(0);
          await stream.stop();
          expect(stream.acked).toBeGreaterThan(2000);
          expect(await packets(url)).toBe(stream.acked);
        },
      );

      it.skipIf(mosquittoMissing)(
        `stores every message a broker acknowledged across a broker restart${mosquittoMissing ? ` (${mosquittoMissing})` : ''}`,
        { timeout: 90_000 },
        async () => {
          const dir = makeTempDir('loss-broker');
          const broker = await PrivateMosquitto.start(dir);
          cleanup.push(() => broker.stop());

          const url = await freshDatabaseUrl(dialect, 'loss_restart');
          const root = uniqueTopicRoot('restart');
          const config = writeAppConfig(dir, {
            connectionString: url,
            mqtt: broker.persistentSession(root, `loss-${process.pid}`),
          });
          const writer = startApp('writer', ['--config', config]);
          await writer.waitForLog('MQTT subscribed', 30_000);
          const client = await connectPublisher(broker.url, {
            reconnectPeriod: 200,
          });
          cleanup.push(() => client.endAsync(true));
          const stream = new SteadyStream(client, topicFor({ root }), 20);
          await waitUntil(() => stream.acked >= 1000, {
            timeoutMs: 20_000,
            what: '1000 acknowledged messages',
          });
          await broker.stop();
          await broker.start();
          await writer.waitForLog('MQTT reconnected', 30_000);
          const before = stream.acked;
          await waitUntil(() => stream.acked >= before + 1000, {
            timeoutMs: 30_000,
            what: '1000 more after the restart',
          });
          await stream.stop();
          await waitUntil(async () => (await packets(url)) >= stream.acked, {
            timeoutMs: 30_000,
            what: `all ${stream.acked} acknowledged messages stored`,
          }).catch(async (error: Error) => {
            const logs = writer.logs.filter((l) => /MQTT|counters|batch/.test(String(l.msg)));
            const lines = logs.map((l) => JSON.stringify(l)).join('\n');
            throw new Error(`${error.message}; stored ${await packets(url)}\n${lines}`);
          });
          writer.kill('SIGTERM');
          expect((await writer.waitForExit(30_000)).code, writer.output()).toBe(0);
          expect(await packets(url)).toBe(stream.acked);
        },
      );
    },
  );
}
