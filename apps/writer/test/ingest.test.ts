import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@meshview/db';
import {
  DEFAULT_FROM,
  mapReportEnvelope,
  nodeInfoEnvelope,
  pkiEnvelope,
  positionEnvelope,
  telemetryEnvelope,
  textEnvelope,
  topicFor,
  tracerouteEnvelope,
  neighborInfoEnvelope,
  routingEnvelope,
  freshPacketId,
} from '@meshview/sim';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import {
  connectPublisher,
  mqttSkipReason,
  publish,
  testMqttUrl,
  uniqueTopicRoot,
} from '#test/mqtt.js';
import { killAllApps, startApp, waitUntil, writeAppConfig } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';

const READY = /^writer ready$/;
const BROKERS = [
  { broker: 'embedded', skip: undefined },
  { broker: 'mosquitto', skip: mqttSkipReason },
] as const;

/** The gateway topic a test publishes on, under a root of its own. */
const topicOf = (root: string, gatewayId = '!0a0b0c0d', channelId = 'LongFast') =>
  topicFor({ root, gatewayId, channelId });

for (const { name: dialect, skip: dbSkip } of DIALECTS) {
  for (const { broker, skip: brokerSkip } of BROKERS) {
    const skip = dbSkip ?? brokerSkip;
    describe.skipIf(skip)(
      `ingest through ${broker} into ${dialect}${skip ? ` (${skip})` : ''}`,
      () => {
        // What a test opened, closed after it; what the file's shared writer opened, after all.
        const cleanup: (() => Promise<void>)[] = [];
        const sharedCleanup: (() => Promise<void>)[] = [];
        const closeAll = async (list: (() => Promise<void>)[]) => {
          for (const close of list.splice(0).reverse()) await close().catch(() => {});
        };
        afterEach(() => closeAll(cleanup));
        afterAll(async () => {
          await closeAll(sharedCleanup);
          await killAllApps();
        });

        async function startWriter(mqtt: Record<string, string | number> = {}, closers = cleanup) {
          const url = await freshDatabaseUrl(dialect, `ingest_${broker}`);
          const root = uniqueTopicRoot(broker);
          const brokerKeys =
            broker === 'embedded'
              ? { server: 'embedded', port: 0 }
              : {
                  server: new URL(testMqttUrl!).hostname,
                  port: Number(new URL(testMqttUrl!).port || 1883),
                };
          const config = writeAppConfig(makeTempDir('ingest'), {
            connectionString: url,
            mqtt: { ...brokerKeys, topics: JSON.stringify([`${root}/#`]), ...mqtt },
          });
          const writer = startApp('writer', ['--config', config]);
          closers.push(async () => {
            writer.kill('SIGKILL');
            await writer.waitForExit(10_000);
          });
          const ready = await writer.waitForLog(READY, 30_000);
          const publishUrl =
            broker === 'embedded' ? `mqtt://127.0.0.1:${String(ready.brokerPort)}` : testMqttUrl!;
          if (broker === 'mosquitto') await writer.waitForLog('MQTT subscribed', 10_000);
          const handle = await openDatabase<unknown>(url);
          closers.push(() => handle.close());
          return { writer, db: handle.db, root, publishUrl };
        }

        /**
         * One writer for the tests that neither stop it nor count the whole table: each counts
         * only its own packets (fresh ids), so sharing proves the same as a writer each.
         */
        let shared: ReturnType<typeof startWriter> | undefined;
        const sharedWriter = () => (shared ??= startWriter({}, sharedCleanup));

        async function publisher(url: string, options = {}): Promise<MqttClient> {
          const client = await connectPublisher(url, options);
          cleanup.push(() => client.endAsync());
          return client;
        }

        const inIds = (column: string, ids: readonly number[]) =>
          sql`${sql.ref(column)} IN (${sql.join(ids)})`;

        const count = async (db: Kysely<unknown>, table: string, where = sql`1 = 1`) =>
          Number(
            (
              await sql<{
                n: number;
              }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${where}`.execute(db)
            ).rows[0]!.n,
          );

        it('stores every kind of packet with its rows', async () => {
          const { db, root, publishUrl } = await sharedWriter();
          const client = await publisher(publishUrl);
          const node = 0x11223344;
          const ids = Array.from({ length: 10 }, () => freshPacketId());
          const envelopes: Uint8Array[] = [
            textEnvelope('hello mesh', { id: ids[0] }),
            positionEnvelope(
              { latitudeI: 377749000, longitudeI: -1224194000 },
              { id: ids[1], from: node },
            ),
            nodeInfoEnvelope(
              {
                id: '!11223344',
                longName: 'Alpha Node',
                shortName: 'ALPH',
                hwModel: 9,
                role: 1,
                publicKey: new Uint8Array(32).fill(7),
              },
              { id: ids[2], from: node },
            ),
            telemetryEnvelope(
              { variant: { case: 'deviceMetrics', value: { batteryLevel: 80, voltage: 4.1 } } },
              { id: ids[3] },
            ),
            tracerouteEnvelope({ route: [0x11223344] }, { id: ids[4], wantResponse: false }),
            neighborInfoEnvelope(
              { nodeId: DEFAULT_FROM, neighbors: [{ nodeId: node, snr: 5 }] },
              { id: ids[5] },
            ),
            routingEnvelope({ variant: { case: 'errorReason', value: 0 } }, { id: ids[6] }),
            mapReportEnvelope(
              {
                longName: 'Mapper',
                firmwareVersion: '2.7.15',
                latitudeI: 370000000,
                longitudeI: -1220000000,
              },
              { id: ids[7], from: 0x55667788 },
            ),
            pkiEnvelope({ id: ids[8] }),
            textEnvelope('secret', { id: ids[9], encryption: randomBytes(16) }),
          ];
          const topics = envelopes.map((_, i) =>
            i === 7
              ? `${root}/2/map/`
              : i === 8
                ? topicOf(root, '!0a0b0c0d', 'PKI')
                : topicOf(root),
          );
          for (const [i, envelope] of envelopes.entries())
            await publish(client, topics[i]!, envelope);
          await waitUntil(async () => (await count(db, 'packet', inIds('id', ids))) === 10, {
            timeoutMs: 15_000,
            what: '10 packets',
          });

          const ports = await sql<{
            id: number;
            portnum: number;
          }>`SELECT id, portnum FROM packet WHERE ${inIds('id', ids)}`.execute(db);
          const portOf = new Map(ports.rows.map((r) => [Number(r.id), Number(r.portnum)]));
          expect(ids.map((id) => portOf.get(id))).toEqual([1, 3, 4, 67, 70, 71, 5, 73, 0, 0]);
          expect(await count(db, 'packet_seen', inIds('packet_id', ids))).toBe(10);
          const alpha = (
            await sql<Record<string, unknown>>`SELECT * FROM node WHERE id = '!11223344'`.execute(
              db,
            )
          ).rows[0];
          expect(alpha).toMatchObject({
            node_id: node,
            long_name: 'Alpha Node',
            short_name: 'ALPH',
            hw_model: 'RAK4631',
            role: 'CLIENT_MUTE',
            last_lat: 377749000,
            precision_bits: 32,
          });
          const mapper = (
            await sql<
              Record<string, unknown>
            >`SELECT * FROM node WHERE node_id = ${0x55667788}`.execute(db)
          ).rows[0];
          expect(mapper).toMatchObject({
            id: '!55667788',
            long_name: 'Mapper',
            firmware: '2.7.15',
          });
          expect(await count(db, 'node_public_key', sql`node_id = ${node}`)).toBe(1);
          expect(await count(db, 'traceroute', sql`packet_id = ${ids[4]}`)).toBe(1);
          // The gateway is flagged once its node row exists.
          await publish(
            client,
            topicOf(root),
            nodeInfoEnvelope({ id: '!0a0b0c0d', longName: 'Gateway' }, { from: 0x0a0b0c0d }),
          );
          await waitUntil(
            async () =>
              (await count(
                db,
                'node',
                sql`node_id = ${0x0a0b0c0d} AND is_mqtt_gateway = ${dialect === 'sqlite' ? 1 : true}`,
              )) === 1,
            { timeoutMs: 15_000, what: 'the gateway flagged' },
          );
        });

        it("stores each position's precision with it, and a later full-precision one over it", async () => {
          const { db, root, publishUrl } = await sharedWriter();
          const client = await publisher(publishUrl);
          const [blurred, mapper] = [0x21436587, 0x31426587];
          const ids = [freshPacketId(), freshPacketId()];
          const precisionOf = async (nodeId: number) =>
            (
              await sql<{
                precision_bits: number | null;
              }>`SELECT precision_bits FROM node WHERE node_id = ${nodeId}`.execute(db)
            ).rows[0]?.precision_bits;
          // A position reduced to 13 bits (the cell's middle, as the firmware sends it), and a map
          // report at 14 bits.
          await publish(
            client,
            topicOf(root),
            positionEnvelope(
              { latitudeI: 377_749_000 & ~0x7ffff, longitudeI: -1_224_194_000, precisionBits: 13 },
              { id: ids[0], from: blurred },
            ),
          );
          await publish(
            client,
            `${root}/2/map/`,
            mapReportEnvelope(
              {
                longName: 'Vague',
                latitudeI: 370000000,
                longitudeI: -1220000000,
                positionPrecision: 14,
              },
              { id: ids[1], from: mapper },
            ),
          );
          await waitUntil(async () => (await count(db, 'packet', inIds('id', ids))) === 2, {
            timeoutMs: 15_000,
            what: '2 packets',
          });
          expect(await precisionOf(blurred)).toBe(13);
          expect(await precisionOf(mapper)).toBe(14);
          // Firmware that does not say (0) sends full precision: stored as 32, over the 13.
          const full = freshPacketId();
          await publish(
            client,
            topicOf(root),
            positionEnvelope(
              { latitudeI: 377_749_123, longitudeI: -1_224_194_321 },
              { id: full, from: blurred },
            ),
          );
          await waitUntil(async () => (await count(db, 'packet', inIds('id', [full]))) === 1, {
            timeoutMs: 15_000,
            what: 'the full-precision position',
          });
          expect(await precisionOf(blurred)).toBe(32);
        });

        it('keeps one packet and ten receptions when ten gateways report it', async () => {
          const { db, root, publishUrl } = await sharedWriter();
          const client = await publisher(publishUrl);
          const id = freshPacketId();
          for (let g = 1; g <= 10; g++) {
            const gateway = `!${(0xa0000000 + g).toString(16)}`;
            await publish(
              client,
              topicOf(root, gateway),
              textEnvelope('seen by many', { id, gatewayId: gateway }),
            );
          }
          await waitUntil(
            async () => (await count(db, 'packet_seen', inIds('packet_id', [id]))) === 10,
            {
              timeoutMs: 15_000,
              what: '10 receptions',
            },
          );
          expect(await count(db, 'packet', inIds('id', [id]))).toBe(1);
        });

        it('keeps every valid envelope of a stream with 10% garbage, and counts the garbage', async () => {
          const { writer, db, root, publishUrl } = await startWriter();
          const client = await publisher(publishUrl);
          for (let i = 0; i < 200; i++) {
            await publish(client, topicOf(root), textEnvelope(`message ${i}`), 0);
            // Truncated: field 1 says 127 bytes follow, fewer do.
            const garbage = Uint8Array.of(0x0a, 0x7f, ...randomBytes(i % 50));
            if (i % 10 === 0) await publish(client, topicOf(root), garbage, 0);
          }
          await waitUntil(async () => (await count(db, 'packet')) === 200, {
            timeoutMs: 20_000,
            what: '200 packets',
          });
          writer.kill('SIGTERM');
          expect((await writer.waitForExit(20_000)).code, writer.output()).toBe(0);
          const stats = (await sql<Record<string, unknown>>`SELECT * FROM writer_stats`.execute(db))
            .rows;
          expect(stats).toHaveLength(1);
          expect(stats[0]).toMatchObject({ received: 220, stored: 200, malformed: 20, dropped: 0 });
        });

        it('drops the payload of a message over 64 KB unread, acknowledges it and keeps the stream', async () => {
          const { writer, db, root, publishUrl } = await startWriter();
          const client = await publisher(publishUrl);
          await publish(client, topicOf(root), textEnvelope('before'));
          // QoS 1: the publisher's promise settles only when the broker acknowledged it.
          await publish(client, topicOf(root), randomBytes(3 * 1024 * 1024), 1);
          await publish(client, topicOf(root), textEnvelope('after'));
          await waitUntil(async () => (await count(db, 'packet')) === 2, {
            timeoutMs: 20_000,
            what: '2 packets',
          });
          await writer.waitForLog(/payload dropped unread/, 10_000);
          writer.kill('SIGTERM');
          expect((await writer.waitForExit(20_000)).code, writer.output()).toBe(0);
          const stats = (await sql<Record<string, unknown>>`SELECT * FROM writer_stats`.execute(db))
            .rows;
          expect(stats[0]).toMatchObject({ received: 3, stored: 2, malformed: 1, dropped: 0 });
        });

        if (broker === 'embedded') {
          it('lets a gateway with the password publish and refuses a wrong one', async () => {
            const { db, root, publishUrl } = await startWriter({
              username: 'gw',
              password: 'large4cats',
            });
            await expect(
              connectPublisher(publishUrl, { username: 'gw', password: 'wrong' }),
            ).rejects.toThrow(/Bad username or password|Not authorized/i);
            const client = await publisher(publishUrl, { username: 'gw', password: 'large4cats' });
            await publish(client, topicOf(root), textEnvelope('let in'));
            await waitUntil(async () => (await count(db, 'packet')) === 1, {
              timeoutMs: 15_000,
              what: 'the packet',
            });
          });
        }
      },
    );
  }
}
