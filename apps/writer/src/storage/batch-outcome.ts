import type { IdReuse } from './plan-packets.js';

/** What one `PacketStore.writeBatch` wrote. `stored + duplicates = records`. */
export interface BatchOutcome {
  /** Records in the batch (one per envelope). */
  readonly records: number;
  /** New `packet` rows. */
  readonly stored: number;
  /** Reports of a packet id already present, stored before or earlier in the batch. */
  readonly duplicates: number;
  /** New `packet_seen` rows. */
  readonly seen: number;
  /** New `traceroute` rows. */
  readonly traceroutes: number;
  /** `node` rows inserted or updated. */
  readonly nodes: number;
  /** New `node_public_key` rows. */
  readonly publicKeys: number;
  /**
   * Packets whose id a different sender's packet already holds inside the retention window, one
   * entry per (id, sender), for the caller to count and log. MeshView's schema keys `packet` by
   * id alone, so such a packet cannot be stored (its reports count as duplicates, and their
   * `packet_seen`/`traceroute` rows are left out: they would describe the wrong packet).
   */
  readonly idReuse: readonly IdReuse[];
  /** Node upserts left out because another upsert of the batch took their row (see NodeRepository). */
  readonly nodeConflicts: readonly { readonly id: string; readonly node_id: number }[];
}
