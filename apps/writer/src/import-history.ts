import type { Kysely } from 'kysely';
import type { Database, DialectName } from '@meshview/db';
import { createKeyRing, interpretEnvelope, type PacketRecord } from '@meshview/mesh';
import { PacketStore } from './storage/packet-store.js';

/** One MQTT message received in the past: its topic, payload, and when it was received (µs). */
export interface PastMessage {
  readonly topic: string;
  readonly payload: Uint8Array;
  readonly nowUs: number;
}

/** What {@link importHistory} needs. */
export interface ImportHistoryProps {
  /** A database migrated to head (as the writer leaves it). */
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** `[mqtt] secondary_keys`, base64, as the writer would be given them. */
  readonly secondaryKeys: readonly string[];
  /** In the order they were received. */
  readonly messages: Iterable<PastMessage>;
  /** Records per transaction; 1000 by default, the ingest pipeline's batch. */
  readonly batchSize?: number;
}

/** What an import stored. */
export interface ImportedHistory {
  readonly stored: number;
  readonly duplicates: number;
  /** Messages that were not packets (malformed or skipped). */
  readonly notStored: number;
}

/**
 * Stores messages received in the past as the writer would have stored them then: each
 * interpreted at its own receive time (which becomes `import_time_us`) and written by the
 * writer's `PacketStore` in batches, so rows, nodes, traceroutes and statistics roll-ups are the
 * writer's own. The live pipeline stamps messages with the present instead; this is for filling
 * a database with history (`npm run demo`).
 *
 * @example
 * const { messages } = simulateMesh({ seed: 1, nowUs: Date.now() * 1000 });
 * await importHistory({ db, dialect, secondaryKeys: [SIM_SECONDARY_KEY_BASE64], messages });
 */
export async function importHistory(props: ImportHistoryProps): Promise<ImportedHistory> {
  const keyRing = createKeyRing(props.secondaryKeys);
  const skipNodeIds: ReadonlySet<number> = new Set();
  const store = await PacketStore.open({ db: props.db, dialect: props.dialect });
  const size = props.batchSize ?? 1000;
  let batch: PacketRecord[] = [];
  let stored = 0;
  let duplicates = 0;
  let notStored = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcome = await store.writeBatch(batch);
    stored += outcome.stored;
    duplicates += outcome.duplicates;
    batch = [];
  };
  for (const { topic, payload, nowUs } of props.messages) {
    const result = interpretEnvelope(topic, payload, { keyRing, skipNodeIds, nowUs });
    if (result.kind !== 'packet') {
      notStored += 1;
      continue;
    }
    batch.push(result.record);
    if (batch.length >= size) await flush();
  }
  await flush();
  return { stored, duplicates, notStored };
}
