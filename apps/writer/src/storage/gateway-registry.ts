import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import type { Database, DialectName } from '@meshview/db';

const PROBE_CHUNK = 500;

/**
 * The node numbers known to be MQTT gateways, so that `is_mqtt_gateway` is set on a node row
 * however late it appears. MeshView sets the flag once per gateway with an UPDATE that does
 * nothing when the row does not exist yet, and then never again until a restart.
 *
 * Loaded from `node.is_mqtt_gateway` at start; a node that is not known either way is looked up
 * in `packet_seen` once (an index probe), which also covers gateways whose node row did not
 * exist before a restart. Learns the gateways of each committed batch, and remembers the nodes
 * found not to be gateways (a node becomes one only by reporting, which a batch shows).
 */
export class GatewayRegistry {
  readonly #dialect: DialectName;
  readonly #gateways: Set<number>;
  readonly #notGateways = new Set<number>();

  private constructor(dialect: DialectName, gateways: Iterable<number>) {
    this.#dialect = dialect;
    this.#gateways = new Set(gateways);
  }

  /** Reads the flagged gateways. */
  static async load(db: Kysely<Database>, dialect: DialectName): Promise<GatewayRegistry> {
    const rows = await db
      .selectFrom('node')
      .select('node_id')
      .where('is_mqtt_gateway', '=', true)
      .execute();
    return new GatewayRegistry(
      dialect,
      rows.flatMap((r) => (r.node_id === null ? [] : [r.node_id])),
    );
  }

  /** Whether this node number is a known gateway. */
  has(nodeId: number): boolean {
    return this.#gateways.has(nodeId);
  }

  /**
   * The node numbers among `nodeIds` that have reported as gateways (known, or found in
   * `packet_seen` on `conn`). Call `learn` with the answer once the transaction has committed.
   */
  async find(conn: Kysely<Database>, nodeIds: Iterable<number>): Promise<Lookup> {
    const unknown = [...new Set(nodeIds)].filter(
      (id) => !this.#gateways.has(id) && !this.#notGateways.has(id),
    );
    const found = new Set<number>();
    for (let start = 0; start < unknown.length; start += PROBE_CHUNK) {
      const chunk = unknown.slice(start, start + PROBE_CHUNK);
      const { rows } = await conn.executeQuery<
        Pick<Selectable<Database['packet_seen']>, 'node_id'>
      >(CompiledQuery.raw(this.#probeSql(chunk.length), chunk));
      for (const row of rows) found.add(row.node_id);
    }
    return { gateways: found, notGateways: unknown.filter((id) => !found.has(id)) };
  }

  // One index probe per node number (EXISTS), where `SELECT DISTINCT node_id … IN (…)` would
  // read every reception of a busy gateway on PostgreSQL.
  #probeSql(count: number): string {
    const values = Array.from(
      { length: count },
      (_, i) => `(CAST(${this.#dialect === 'postgres' ? `$${i + 1}` : '?'} AS BIGINT))`,
    );
    return (
      `SELECT v.column1 AS node_id FROM (VALUES ${values.join(', ')}) AS v ` +
      'WHERE EXISTS (SELECT 1 FROM packet_seen WHERE packet_seen.node_id = v.column1)'
    );
  }

  /** Remembers what a committed batch showed. */
  learn(lookup: Lookup, reported: Iterable<number>): void {
    for (const id of lookup.gateways) this.#gateways.add(id);
    for (const id of reported) {
      this.#gateways.add(id);
      this.#notGateways.delete(id);
    }
    for (const id of lookup.notGateways) if (!this.#gateways.has(id)) this.#notGateways.add(id);
  }
}

/** Node numbers found to be gateways, or not, by `GatewayRegistry.find`. */
export interface Lookup {
  readonly gateways: ReadonlySet<number>;
  readonly notGateways: readonly number[];
}
