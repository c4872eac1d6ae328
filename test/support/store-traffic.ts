/**
 * Stores the simulated mesh's traffic (`meshTraffic` or `simulateMesh` from @meshview/sim) through
 * the writer's real pipeline, for the reader's and the writer's tests.
 */
import type { Kysely } from 'kysely';
import type { Database, DialectName } from '@meshview/db';
import { createKeyRing, interpretEnvelope, type PacketRecord } from '@meshview/mesh';
import type { TrafficMessage } from '@meshview/sim';
import { PacketStore } from '../../apps/writer/src/storage/packet-store.js';

/** What {@link storeTraffic} may be told. */
export interface StoreTrafficOptions {
  /**
   * `[mqtt] secondary_keys`, base64, as the writer is given them (e.g. `SIM_SECONDARY_KEY_BASE64`
   * for `simulateMesh`'s secondary channel); none by default: the default key only.
   */
  readonly secondaryKeys?: readonly string[];
  /** Records per transaction, as the writer's batches; all in one by default. */
  readonly batchSize?: number;
}

/**
 * Stores `traffic` through the writer's pipeline: each message interpreted by packages/mesh (the
 * default key, and `secondaryKeys` when given) at its own `nowUs`, and the records written by the
 * writer's `PacketStore` (in one batch unless `batchSize` says otherwise).
 *
 * @example
 * const mesh = simulateMesh({ seed: 1, nowUs: Date.now() * 1000 });
 * await storeTraffic(db, dialect, mesh, { secondaryKeys: [SIM_SECONDARY_KEY_BASE64] });
 */
export async function storeTraffic(
  db: Kysely<Database>,
  dialect: DialectName,
  traffic: { readonly messages: readonly TrafficMessage[] },
  options: StoreTrafficOptions = {},
): Promise<void> {
  const keyRing = createKeyRing(options.secondaryKeys ?? []);
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
  await storeRecords(db, dialect, records, options.batchSize);
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
