import type { Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import type { PacketRow, PacketSeenRow, TracerouteRow } from '@meshview/mesh';
import type { StorableRecord } from './storable-record.js';

/** What the database already holds for a packet id. */
export type StoredPacket = Pick<Selectable<Database['packet']>, 'from_node_id' | 'import_time_us'>;

/** The packet-side rows of a batch, decided against what is stored. */
export interface PacketPlan {
  /** The first report of each id that is not stored yet, in arrival order. */
  readonly newPackets: readonly PacketRow[];
  readonly seenRows: readonly PacketSeenRow[];
  readonly tracerouteRows: readonly TracerouteRow[];
  /**
   * The reception each traceroute row came with (none without a gateway): a row is written only
   * if its reception is new, so a message the broker delivers again adds no second route.
   */
  readonly receptionOf: ReadonlyMap<TracerouteRow, PacketSeenRow>;
  /** Reports of an id already stored or already reported earlier in the batch. */
  readonly duplicates: number;
  /** Packets (id, sender) whose id a different sender's packet holds inside the window. */
  readonly idReuse: readonly IdReuse[];
}

/** A packet that could not be stored because another sender's packet holds its id. */
export interface IdReuse {
  readonly id: number;
  /** This packet's sender. */
  readonly from: number;
  /** The sender of the stored packet that holds the id. */
  readonly storedFrom: number;
}

/**
 * Decides, without I/O, what a batch writes to `packet`, `packet_seen` and `traceroute`:
 * - each id's first report (stored before the batch, or earliest in it) owns the `packet` row;
 * - a later report of the same id from the same sender is a duplicate: its `packet_seen` and
 *   `traceroute` rows attach to the owner (a reception the batch already has, same gateway and
 *   rx_time, is left out with its traceroute row);
 * - a report whose sender differs from the owner's is another packet that reused the id
 *   (ids are 32 bits and random, so this happens). MeshView's schema keys `packet` by id alone,
 *   so it cannot be stored; its reception rows are left out too, since they would describe the
 *   wrong packet. It counts as id reuse, once per (id, sender), when the owner is less than
 *   `reuseWindowUs` older (null: any age), that is, inside the retention window.
 */
export function planPackets(
  records: readonly StorableRecord[],
  stored: ReadonlyMap<number, StoredPacket>,
  reuseWindowUs: number | null,
): PacketPlan {
  const owners = new Map<number, StoredPacket>(stored);
  const newPackets: PacketRow[] = [];
  const seenRows: PacketSeenRow[] = [];
  const tracerouteRows: TracerouteRow[] = [];
  const receptionOf = new Map<TracerouteRow, PacketSeenRow>();
  const idReuse = new Map<string, IdReuse>();
  const receptions = new Map<number, PacketSeenRow[]>();
  let duplicates = 0;
  for (const record of records) {
    const { packet } = record;
    const owner = owners.get(packet.id);
    if (owner === undefined) {
      owners.set(packet.id, packet);
      newPackets.push(packet);
    } else {
      duplicates += 1;
      // A stored row without a sender (never written by MeshView or us) cannot be told apart.
      if (owner.from_node_id !== null && owner.from_node_id !== packet.from_node_id) {
        if (insideWindow(owner, packet, reuseWindowUs)) {
          idReuse.set(`${packet.id}:${packet.from_node_id}`, {
            id: packet.id,
            from: packet.from_node_id,
            storedFrom: owner.from_node_id,
          });
        }
        continue;
      }
    }
    const { seen, traceroute } = record;
    if (seen !== null) {
      if (repeats(receptions, seen)) continue;
      seenRows.push(seen);
    }
    if (traceroute !== null) {
      tracerouteRows.push(traceroute);
      if (seen !== null) receptionOf.set(traceroute, seen);
    }
  }
  return {
    newPackets,
    seenRows,
    tracerouteRows,
    receptionOf,
    duplicates,
    idReuse: [...idReuse.values()],
  };
}

/**
 * Whether the batch already has this reception (same packet, gateway and rx_time: the same
 * MQTT message twice), remembering it if not. The database would skip the copy anyway; leaving
 * it out here keeps the batch's inserts free of conflicts, which the store writes fastest.
 */
function repeats(receptions: Map<number, PacketSeenRow[]>, seen: PacketSeenRow): boolean {
  const same = receptions.get(seen.packet_id);
  if (same === undefined) {
    receptions.set(seen.packet_id, [seen]);
    return false;
  }
  for (const s of same) {
    if (s.node_id === seen.node_id && s.rx_time === seen.rx_time) return true;
  }
  same.push(seen);
  return false;
}

function insideWindow(owner: StoredPacket, packet: PacketRow, windowUs: number | null): boolean {
  if (windowUs === null || owner.import_time_us === null) return true;
  return packet.import_time_us - owner.import_time_us <= windowUs;
}
