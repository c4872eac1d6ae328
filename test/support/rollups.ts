/**
 * The statistics roll-ups (migration b7d9f1a3c5e8) as comparable text, read from the tables or
 * counted again from `packet` and `packet_seen`: tests compare what the writer keeps, what the
 * migration back-fills and what the rows say.
 */
import { sql, type Kysely } from 'kysely';
import { ROLLUP_TABLES } from '@meshview/db';
import { rollupDeltas, type RollupFact } from '../../apps/writer/src/storage/rollup-deltas.js';

/** Each roll-up table's rows with a non-zero count, as `key… → packets/seen` lines, sorted. */
export async function rollupSnapshot<DB>(db: Kysely<DB>): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of ROLLUP_TABLES) {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT * FROM ${sql.table(table.table)} WHERE packets <> 0 OR seen <> 0`.execute(db);
    snapshot[table.table] = rows
      .map((r) =>
        line(
          table.key.map((c) => r[c] as number | string),
          r.packets,
          r.seen,
        ),
      )
      .sort();
  }
  return snapshot;
}

/**
 * What the roll-ups should hold, counted from the stored rows: every packet at its import time,
 * every reception at its own import time under its packet's keys.
 */
export async function recountRollups<DB>(db: Kysely<DB>): Promise<Record<string, string[]>> {
  const packets = await sql<PacketKeys>`
    SELECT import_time_us, channel, portnum, from_node_id, to_node_id FROM packet
    WHERE import_time_us IS NOT NULL`.execute(db);
  const seen = await sql<PacketKeys>`
    SELECT s.import_time_us, p.channel, p.portnum, p.from_node_id, p.to_node_id
    FROM packet_seen s JOIN packet p ON p.id = s.packet_id
    WHERE s.import_time_us IS NOT NULL`.execute(db);
  const facts: RollupFact[] = [
    ...packets.rows.map((r) => fact(r, 1, 0)),
    ...seen.rows.map((r) => fact(r, 0, 1)),
  ];
  const snapshot: Record<string, string[]> = {};
  for (const [table, rows] of rollupDeltas(facts)) {
    snapshot[table.table] = rows.map((r) => line(r.key, r.packets, r.seen)).sort();
  }
  for (const table of ROLLUP_TABLES) snapshot[table.table] ??= [];
  return snapshot;
}

interface PacketKeys {
  readonly import_time_us: number | string;
  readonly channel: string | null;
  readonly portnum: number | null;
  readonly from_node_id: number | string | null;
  readonly to_node_id: number | string | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

const fact = (r: PacketKeys, packets: number, seen: number): RollupFact => ({
  timeUs: Number(r.import_time_us),
  channel: r.channel,
  portnum: r.portnum,
  from: num(r.from_node_id),
  to: num(r.to_node_id),
  packets,
  seen,
});

const line = (key: readonly unknown[], packets: unknown, seen: unknown): string =>
  `${key.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(Number(v)))).join(' ')} → ${Number(packets)}/${Number(seen)}`;
