import type { Kysely, Selectable } from 'kysely';
import type { Database } from '@meshview/db';
import { PortNum } from '@meshview/mesh/facts';
import type { ListQuery } from './list-query.js';

/** A stored NeighborInfo packet: its sender, time and payload. */
export type NeighborReportRow = Readonly<
  Pick<Selectable<Database['packet']>, 'id' | 'from_node_id' | 'import_time_us' | 'payload'>
>;

/**
 * The NeighborInfo packets imported since `sinceUs`, newest first, at most `limit`
 * (`idx_packet_portnum_time_us`: one range of the port's rows).
 */
export function neighborReportsQuery(
  db: Kysely<Database>,
  sinceUs: number,
  limit: number,
): ListQuery<NeighborReportRow> {
  return db
    .selectFrom('packet')
    .select(['id', 'from_node_id', 'import_time_us', 'payload'])
    .where('portnum', '=', PortNum.NEIGHBORINFO_APP)
    .where('import_time_us', '>=', sinceUs)
    .orderBy('import_time_us', 'desc')
    .limit(limit);
}
