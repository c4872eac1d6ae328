import { FINEST_BUCKET_US } from '@meshview/db';
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

type PacketKeys = Pick<StoredPacketKeys, 'channel' | 'portnum' | 'from_node_id' | 'to_node_id'>;

/** One packet's counts in one bucket, and the same packet's next bucket (rarely any). */
interface PacketSum {
  readonly bucketUs: number;
  readonly keys: PacketKeys;
  packets: number;
  seen: number;
  next: PacketSum | undefined;
}

/**
 * The facts to count for a batch (pure): each inserted packet at its import time, and each
 * inserted reception at its own import time under its packet's keys (the batch's packet, or
 * the stored one it reports again). A reception whose packet is unknown is not counted; the
 * plan never writes one.
 *
 * The facts come summed by packet and finest bucket (an hour): a packet's receptions arrive
 * within seconds of each other, so a batch of a thousand reports comes down to about one fact
 * per packet, and `rollupDeltas` has a tenth of the keys to work out.
 */
export function rollupFacts({ newPackets, inserted, seen, stored }: InsertedRows): RollupFact[] {
  const batch = new Map<number, PacketRow>();
  for (const p of newPackets) batch.set(p.id, p);
  const sums = new Map<number, PacketSum>();
  const add = (id: number, keys: PacketKeys, timeUs: number, packets: number, seen: number) => {
    const bucketUs = Math.floor(timeUs / FINEST_BUCKET_US) * FINEST_BUCKET_US;
    let sum = sums.get(id);
    while (sum !== undefined && sum.bucketUs !== bucketUs) sum = sum.next;
    if (sum === undefined) {
      sum = { bucketUs, keys, packets: 0, seen: 0, next: sums.get(id) };
      sums.set(id, sum);
    }
    sum.packets += packets;
    sum.seen += seen;
  };
  for (const id of inserted) {
    const p = batch.get(id);
    if (p !== undefined) add(id, p, p.import_time_us, 1, 0);
  }
  for (const s of seen) {
    const p = batch.get(s.packet_id) ?? stored.get(s.packet_id);
    if (p !== undefined) add(s.packet_id, p, s.import_time_us, 0, 1);
  }
  const facts: RollupFact[] = [];
  for (const first of sums.values()) {
    for (let sum: PacketSum | undefined = first; sum !== undefined; sum = sum.next) {
      facts.push({
        timeUs: sum.bucketUs,
        channel: sum.keys.channel,
        portnum: sum.keys.portnum,
        from: sum.keys.from_node_id,
        to: sum.keys.to_node_id,
        packets: sum.packets,
        seen: sum.seen,
      });
    }
  }
  return facts;
}
