/**
 * The statistics routes' answers computed the slow way, straight from `packet`, `packet_seen`
 * and `node` (no roll-up), with the windows docs/API.md describes: what the routes must equal.
 */
import { sql, type Kysely } from 'kysely';
import { DAY_US, HOUR_US, type Database } from '@meshview/db';

interface Packet {
  readonly id: number;
  readonly channel: string | null;
  readonly portnum: number | null;
  readonly from: number | null;
  readonly to: number | null;
  readonly timeUs: number;
}

/** A filter as the routes take it. */
export interface OracleFilter {
  readonly channel?: string;
  /** `null`: packets of no known port. */
  readonly portnum?: number | null;
  readonly from?: number;
  readonly to?: number;
}

/** The stored rows, loaded once. */
export class StatsOracle {
  private constructor(
    private readonly packets: readonly Packet[],
    private readonly seen: readonly { readonly packet: Packet; readonly timeUs: number }[],
    private readonly nodes: readonly {
      node_id: number | null;
      long_name: string | null;
      short_name: string | null;
      channel: string | null;
    }[],
  ) {}

  static async load(db: Kysely<Database>): Promise<StatsOracle> {
    const packets = (await sql<Record<string, unknown>>`SELECT * FROM packet`.execute(db)).rows.map(
      (r): Packet => ({
        id: Number(r.id),
        channel: r.channel as string | null,
        portnum: r.portnum === null ? null : Number(r.portnum),
        from: r.from_node_id === null ? null : Number(r.from_node_id),
        to: r.to_node_id === null ? null : Number(r.to_node_id),
        timeUs: Number(r.import_time_us),
      }),
    );
    const byId = new Map(packets.map((p) => [p.id, p]));
    const seen = (
      await sql<Record<string, unknown>>`SELECT packet_id, import_time_us FROM packet_seen`.execute(
        db,
      )
    ).rows.map((r) => ({
      packet: byId.get(Number(r.packet_id))!,
      timeUs: Number(r.import_time_us),
    }));
    const nodes = (
      await sql<Record<string, unknown>>`
        SELECT node_id, long_name, short_name, channel FROM node`.execute(db)
    ).rows.map((r) => ({
      node_id: r.node_id === null ? null : Number(r.node_id),
      long_name: r.long_name as string | null,
      short_name: r.short_name as string | null,
      channel: r.channel as string | null,
    }));
    return new StatsOracle(packets, seen, nodes);
  }

  /** `now − length periods`, rounded down to its hour. */
  static windowStart(nowUs: number, period: 'hour' | 'day', length: number): number {
    const start = nowUs - length * (period === 'hour' ? HOUR_US : DAY_US);
    return start - (start % HOUR_US);
  }

  /** The port numbers of the stored packets (`null`: not known). */
  portnums(): (number | null)[] {
    return [...new Set(this.packets.map((p) => p.portnum))];
  }

  channels(startUs: number): string[] {
    const names = new Set<string>();
    for (const p of this.packets) if (p.timeUs >= startUs && p.channel) names.add(p.channel);
    return [...names].sort();
  }

  stats(nowUs: number, period: 'hour' | 'day', length: number, filter: OracleFilter) {
    const step = period === 'hour' ? HOUR_US : DAY_US;
    const start = Math.floor((nowUs - length * step) / step) * step;
    const counts = new Map<number, number>();
    for (const p of this.packets) {
      if (p.timeUs < start || !matches(p, filter)) continue;
      const bucket = Math.floor(p.timeUs / step) * step;
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([bucket, count]) => {
        // MeshView's strftime('%Y-%m-%d %H:00') / ('%Y-%m-%d'), in UTC.
        const d = new Date(bucket / 1000);
        const p2 = (n: number) => String(n).padStart(2, '0');
        const date = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
        return { period: period === 'hour' ? `${date} ${p2(d.getUTCHours())}:00` : date, count };
      });
  }

  count(startUs: number, filter: OracleFilter) {
    return {
      total_packets: this.packets.filter((p) => p.timeUs >= startUs && matches(p, filter)).length,
      total_seen: this.seen.filter((s) => s.timeUs >= startUs && matches(s.packet, filter)).length,
    };
  }

  totals() {
    return { total_packets: this.packets.length, total_seen: this.seen.length };
  }

  top(startUs: number, channel?: string) {
    const sent = new Map<number, number>();
    const seen = new Map<number, number>();
    for (const p of this.packets) {
      if (p.timeUs >= startUs && p.from !== null) sent.set(p.from, (sent.get(p.from) ?? 0) + 1);
    }
    for (const s of this.seen) {
      const from = s.packet.from;
      if (s.timeUs >= startUs && from !== null) seen.set(from, (seen.get(from) ?? 0) + 1);
    }
    const rows = this.nodes
      .filter((n) => channel === undefined || n.channel === channel)
      .map((n) => {
        const sentN = n.node_id === null ? 0 : (sent.get(n.node_id) ?? 0);
        const seenN = n.node_id === null ? 0 : (seen.get(n.node_id) ?? 0);
        return {
          ...n,
          sent: sentN,
          seen: seenN,
          avg: Math.round((seenN / Math.max(sentN, 1)) * 100) / 100,
        };
      });
    const active = (r: { sent: number; seen: number }) => r.sent > 0 || r.seen > 0;
    rows.sort(
      (a, b) =>
        Number(active(b)) - Number(active(a)) ||
        (active(a) ? b.seen - a.seen || b.sent - a.sent : 0) ||
        (a.node_id ?? Infinity) - (b.node_id ?? Infinity),
    );
    return rows;
  }
}

function matches(p: Packet, filter: OracleFilter): boolean {
  return (
    (filter.channel === undefined || p.channel?.toLowerCase() === filter.channel.toLowerCase()) &&
    (filter.portnum === undefined || p.portnum === filter.portnum) &&
    (filter.from === undefined || p.from === filter.from) &&
    (filter.to === undefined || p.to === filter.to)
  );
}
