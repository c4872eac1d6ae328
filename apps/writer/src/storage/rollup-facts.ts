import type { PacketRow } from '@meshview/mesh';
import type { RollupFact } from './rollup-deltas.js';
import type { InsertedSeen, StoredPacketKeys } from './packet-repository.js';

/** What a batch inserted, and the packets its receptions belong to. */
export interface InsertedRows {
  /** The packets the batch meant to insert (its plan's). */
  readonly newPackets: readonly PacketRow[];
  /** The ids actually inserted (another writer may have taken some in between). */
  readonly inserted: readonly number[];
  /** The receptions actually inserted. */
  readonly seen: readonly InsertedSeen[];
  /** The packets stored before the batch, by id. */
  readonly stored: ReadonlyMap<number, StoredPacketKeys>;
}

/**
 * The facts to count for a batch (pure): each inserted packet at its import time, and each
 * inserted reception at its own import time under its packet's keys (the batch's packet, or
 * the stored one it reports again). A reception whose packet is unknown is not counted; the
 * plan never writes one.
 */
export function rollupFacts({ newPackets, inserted, seen, stored }: InsertedRows): RollupFact[] {
  const batch = new Map(newPackets.map((p) => [p.id, p]));
  const facts: RollupFact[] = [];
  for (const id of inserted) {
    const p = batch.get(id);
    if (p === undefined) continue;
    facts.push({
      timeUs: p.import_time_us,
      channel: p.channel,
      portnum: p.portnum,
      from: p.from_node_id,
      to: p.to_node_id,
      packets: 1,
      seen: 0,
    });
  }
  for (const s of seen) {
    const p = batch.get(s.packet_id) ?? stored.get(s.packet_id);
    if (p === undefined) continue;
    facts.push({
      timeUs: s.import_time_us,
      channel: p.channel,
      portnum: p.portnum,
      from: p.from_node_id,
      to: p.to_node_id,
      packets: 0,
      seen: 1,
    });
  }
  return facts;
}
