/**
 * Stores the simulated mesh's traffic (`meshTraffic` from @meshview/sim) through the writer's real
 * pipeline, for the reader's and the writer's tests.
 */
import type { Kysely } from 'kysely';
import type { Database, DialectName } from '@meshview/db';
import { createKeyRing, interpretEnvelope, type PacketRecord } from '@meshview/mesh';
import type { TrafficManifest } from '@meshview/sim';
import { PacketStore } from '../../apps/writer/src/storage/packet-store.js';

/**
 * Stores `traffic` through the writer's pipeline: each message interpreted by packages/mesh (the
 * default key only) and the records written by the writer's `PacketStore` in one batch.
 */
export async function storeTraffic(
  db: Kysely<Database>,
  dialect: DialectName,
  traffic: TrafficManifest,
): Promise<void> {
  const keyRing = createKeyRing([]);
  const records: PacketRecord[] = [];
  for (const message of traffic.messages) {
    const result = interpretEnvelope(message.topic, message.payload, {
      keyRing,
      skipNodeIds: new Set(),
      nowUs: message.nowUs,
    });
    if (result.kind !== 'packet') {
      throw new Error(`traffic message on ${message.topic} was not a packet: ${result.kind}`);
    }
    records.push(result.record);
  }
  await storeRecords(db, dialect, records);
}

/**
 * Writes `records` as the writer does, through its `PacketStore`, in batches of `batchSize` (each
 * batch one transaction, as the ingest thread commits them).
 */
export async function storeRecords(
  db: Kysely<Database>,
  dialect: DialectName,
  records: readonly PacketRecord[],
  batchSize = records.length,
): Promise<void> {
  const store = await PacketStore.open({ db, dialect });
  const step = Math.max(1, batchSize);
  for (let i = 0; i < records.length; i += step) {
    await store.writeBatch(records.slice(i, i + step));
  }
}
