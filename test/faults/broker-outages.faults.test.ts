import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { topicFor } from '@meshview/sim';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { connectPublisher, uniqueTopicRoot } from '#test/mqtt.js';
import { mosquittoMissing, PrivateMosquitto } from '#test/private-mosquitto.js';
import { killAllApps, startApp, waitUntil, writeAppConfig } from '#test/processes.js';
import { SteadyStream } from '#test/steady-stream.js';
import { makeTempDir } from '#test/tmp.js';
import { countAgainstStored, waitUntilDrained } from './support/acknowledged-ledger.js';
import { reportFigures, type FigureRow } from './support/figures.js';
import { pick } from './support/level.js';

// Issue 16, item 4: a private Mosquitto (persistence, unlimited queue) stopped with SIGTERM and
// started again while a QoS 1 publisher goes on; the writer's session is persistent
// (qos = 1, clean_session = false, a fixed client_id). Every message the publisher saw
// acknowledged must end up stored.
const OUTAGES = pick({ ci: 3, full: 10 });
/** How long the broker stays down each time. */
const DOWN_MS = 1500;
/** Messages acknowledged between two outages, so that each one cuts into a running ingest. */
const BETWEEN = pick({ ci: 500, full: 1000 });
/** The publisher's QoS 1 messages in flight. */
const WINDOW = 10;

const rows: FigureRow[] = [];

describe.skipIf(mosquittoMissing)(
  `broker outages${mosquittoMissing ? ` (${mosquittoMissing})` : ''}`,
  () => {
    const cleanup: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const close of cleanup.splice(0).reverse()) await close().catch(() => {});
      await killAllApps();
    });

    for (const { name: dialect, skip } of DIALECTS) {
      it.skipIf(skip)(
        `stores every message the publisher saw acknowledged across ${OUTAGES} broker restarts on ${dialect}${skip ? ` (${skip})` : ''}`,
        { timeout: pick({ ci: 300_000, full: 900_000 }) },
        async () => {
          const dir = makeTempDir('faults-outages');
          const broker = await PrivateMosquitto.start(dir);
          cleanup.push(() => broker.stop());
          const url = await freshDatabaseUrl(dialect, 'faults_outages');
          const root = uniqueTopicRoot('outages');
          const topic = topicFor({ root });
          const config = writeAppConfig(dir, {
            connectionString: url,
            mqtt: broker.persistentSession(root, `faults-outages-${dialect}-${process.pid}`),
          });
          const writer = startApp('writer', ['--config', config]);
          await writer.waitForLog('MQTT subscribed', 120_000);
          const client = await connectPublisher(broker.url, { reconnectPeriod: 200 });
          cleanup.push(() => client.endAsync(true));
          const stream = new SteadyStream(client, topic, WINDOW);

          const reconnects = () => writer.filterLogs('MQTT reconnected');
          for (let outage = 1; outage <= OUTAGES; outage++) {
            const before = stream.acked;
            await waitUntil(() => stream.acked >= before + BETWEEN, {
              timeoutMs: 120_000,
              what: `${BETWEEN} messages acknowledged before outage ${outage}`,
            });
            await broker.stop();
            await sleep(DOWN_MS);
            await broker.start();
            await waitUntil(() => reconnects().length >= outage, {
              timeoutMs: 120_000,
              what: `the writer to reconnect after outage ${outage}`,
            });
          }
          const before = stream.acked;
          await waitUntil(() => stream.acked >= before + BETWEEN, {
            timeoutMs: 120_000,
            what: `${BETWEEN} messages acknowledged after the last outage`,
          });
          await stream.stop();

          const drainStarted = performance.now();
          const last = await waitUntilDrained(client, topic, url, 300_000);
          const drainS = (performance.now() - drainStarted) / 1000;
          expect((await writer.stop(60_000)).code, writer.output()).toBe(0);
          const count = await countAgainstStored(url, stream.ackedIds, [last]);
          const totals = writer.filterLogs('ingest counters').at(-1)?.totals as
            Record<string, number> | undefined;
          const sessionsKept = reconnects().filter((line) => line.sessionPresent === true).length;
          rows.push({
            dialect,
            outages: OUTAGES,
            sent: stream.sent,
            acknowledged: stream.acked,
            stored: count.stored,
            missing: count.missing,
            'stored, not acknowledged': count.unacknowledgedStored,
            'writer duplicates': totals?.duplicates ?? null,
            'writer reconnects': reconnects().length,
            'session kept': `${sessionsKept}/${reconnects().length}`,
            'drain s': Math.round(drainS * 10) / 10,
          });

          expect(count.missing).toBe(0);
          expect(sessionsKept).toBe(reconnects().length);
        },
      );
    }

    // After both dialects: one table for the scenario.
    it('reports its figures', () => {
      reportFigures('broker-outages', rows, {
        outages: OUTAGES,
        down_ms: DOWN_MS,
        acknowledged_between_outages: BETWEEN,
        window: WINDOW,
        qos: 1,
      });
    });
  },
);
