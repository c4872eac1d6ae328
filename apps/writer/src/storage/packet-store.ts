import { sql, type Kysely } from 'kysely';
import {
  NEW_PACKETS_CHANNEL,
  writeTransaction,
  type Database,
  type DialectName,
} from '@meshview/db';
import type { BatchOutcome } from './batch-outcome.js';
import { GatewayRegistry } from './gateway-registry.js';
import { mergeNodeUpserts } from './merge-node-upserts.js';
import { mergePublicKeys } from './merge-public-keys.js';
import { NodeRepository } from './node-repository.js';
import { PacketRepository } from './packet-repository.js';
import { planPackets } from './plan-packets.js';
import { PublicKeyRepository } from './public-key-repository.js';
import { rollupDeltas } from './rollup-deltas.js';
import { RollupRepository } from './rollup-repository.js';
import { rollupFacts } from './rollup-facts.js';
import type { StorableRecord } from './storable-record.js';

const EMPTY: BatchOutcome = Object.freeze({
  records: 0,
  stored: 0,
  duplicates: 0,
  seen: 0,
  traceroutes: 0,
  nodes: 0,
  publicKeys: 0,
  idReuse: [],
  nodeConflicts: [],
});

/** What a `PacketStore` needs. */
export interface PacketStoreProps {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /**
   * How far back a stored packet with the same id but another sender counts as id reuse: the
   * retention window (`[cleanup] days_to_keep` when cleanup is enabled). Null: any age.
   */
  readonly reuseWindowUs?: number | null;
}

/**
 * Writes batches of decoded envelopes, each batch in one transaction with a handful of
 * multi-row statements: `packet` once per id (the first report wins), `packet_seen` once per
 * (packet, gateway, rx_time), `traceroute` per new reception, `node` upserts,
 * `node_public_key`, and `is_mqtt_gateway` for every gateway, also when its node row comes
 * later; and the statistics roll-ups, counting the packets and receptions the batch inserted.
 * On PostgreSQL a batch that stored packets also sends `NOTIFY meshview_packets`
 * ({@link NEW_PACKETS_CHANNEL}), delivered to the readers at commit.
 *
 * @example
 * const store = await PacketStore.open({ db, dialect });
 * const outcome = await store.writeBatch(records);
 * for (const reuse of outcome.idReuse) logger.warn(reuse, 'packet id reused by another sender');
 */
export class PacketStore {
  readonly #db: Kysely<Database>;
  readonly #dialect: DialectName;
  readonly #reuseWindowUs: number | null;
  readonly #gateways: GatewayRegistry;
  readonly #packets: PacketRepository;
  readonly #nodes: NodeRepository;
  readonly #publicKeys: PublicKeyRepository;
  readonly #rollups: RollupRepository;

  private constructor(props: PacketStoreProps, gateways: GatewayRegistry) {
    this.#db = props.db;
    this.#dialect = props.dialect;
    this.#reuseWindowUs = props.reuseWindowUs ?? null;
    this.#gateways = gateways;
    this.#packets = new PacketRepository(props.dialect);
    this.#nodes = new NodeRepository(props.dialect);
    this.#publicKeys = new PublicKeyRepository(props.dialect);
    this.#rollups = new RollupRepository(props.dialect);
  }

  /** A store over an open, migrated database; reads the known gateways. */
  static async open(props: PacketStoreProps): Promise<PacketStore> {
    return new PacketStore(props, await GatewayRegistry.load(props.db, props.dialect));
  }

  /**
   * Writes `records` in one transaction. Throws (after rolling the whole batch back) when any
   * statement fails; the caller decides whether to retry, split or drop the batch.
   */
  async writeBatch(records: readonly StorableRecord[]): Promise<BatchOutcome> {
    if (records.length === 0) return EMPTY;
    const reported = new Set<number>();
    for (const r of records) if (r.gatewayNodeId !== null) reported.add(r.gatewayNodeId);
    const nodes = mergeNodeUpserts(records.flatMap((r) => r.nodes));
    const keys = mergePublicKeys(records.flatMap((r) => (r.publicKey ? [r.publicKey] : [])));
    const ids = [...new Set(records.map((r) => r.packet.id))];

    const { outcome, lookup } = await writeTransaction(this.#db, this.#dialect, async (conn) => {
      const stored = await this.#packets.findStored(conn, ids);
      const plan = planPackets(records, stored, this.#reuseWindowUs);
      const inserted = await this.#packets.insertPackets(conn, plan.newPackets);
      // Children after their parents: foreign keys are enforced on both databases.
      const seen = await this.#packets.insertSeen(conn, plan.seenRows);
      // Only what this batch inserted is counted, in this transaction (MeshView issue #54).
      await this.#rollups.add(
        conn,
        rollupDeltas(rollupFacts({ newPackets: plan.newPackets, inserted, seen, stored })),
      );
      const newReceptions = new Set(seen);
      const traceroutes = await this.#packets.insertTraceroutes(
        conn,
        plan.tracerouteRows.filter((t) => {
          const reception = plan.receptionOf.get(t);
          return reception === undefined || newReceptions.has(reception);
        }),
      );
      const lookup = await this.#gateways.find(
        conn,
        nodes.map((n) => n.node_id).filter((id) => !reported.has(id)),
      );
      const isGateway = (id: number): boolean =>
        reported.has(id) || this.#gateways.has(id) || lookup.gateways.has(id);
      const written = await this.#nodes.upsert(conn, nodes, isGateway);
      await this.#nodes.markGateways(
        conn,
        [...reported].filter((id) => !this.#gateways.has(id)),
      );
      const publicKeys = await this.#publicKeys.write(conn, keys);
      // PostgreSQL delivers a notification at commit, and not at all on rollback: the readers'
      // event streams wake and read these packets at once (issue 13).
      if (this.#dialect === 'postgres' && inserted.length > 0) {
        await sql.raw(`NOTIFY ${NEW_PACKETS_CHANNEL}`).execute(conn);
      }
      const outcome: BatchOutcome = {
        records: records.length,
        stored: inserted.length,
        // An id inserted by someone else between the lookup and the insert is a duplicate too.
        duplicates: plan.duplicates + (plan.newPackets.length - inserted.length),
        seen: seen.length,
        traceroutes,
        nodes: written.written,
        publicKeys,
        idReuse: plan.idReuse,
        nodeConflicts: written.conflicts.map((n) => ({ id: n.id, node_id: n.node_id })),
      };
      return { outcome, lookup };
    });
    this.#gateways.learn(lookup, reported);
    return outcome;
  }
}
