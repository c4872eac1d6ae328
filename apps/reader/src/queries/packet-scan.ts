import type { Kysely } from 'kysely';
import type { Database } from '@meshview/db';
import type { PacketFilter } from './packet-filter.js';
import { packetListQuery, type PacketListRow } from './packet.queries.js';

/**
 * The most rows a filtered scan (`contains`, or the `seq N` rule of `portnum=1`) reads before it
 * answers with what it found: the newest this many rows of the filter's index range.
 */
export const MAX_SCANNED_ROWS = 10_000;

const MIN_PAGE = 200;

/**
 * The newest packets matching `filter` that also pass `keep`, at most `limit`: reads the index
 * range page by page, newest first, and stops at `limit` kept rows or {@link MAX_SCANNED_ROWS}
 * read rows (or `maxScanned`), whichever comes first.
 */
export async function scanPackets(
  db: Kysely<Database>,
  filter: PacketFilter,
  limit: number,
  keep: (row: PacketListRow) => boolean,
  maxScanned = MAX_SCANNED_ROWS,
): Promise<PacketListRow[]> {
  const kept: PacketListRow[] = [];
  const seenAtCursor = new Set<number>();
  let cursor: { untilUs: number; overlap: number } | undefined;
  let scanned = 0;
  while (kept.length < limit && scanned < maxScanned) {
    const page = Math.min(Math.max(limit * 2, MIN_PAGE), maxScanned - scanned);
    const rows = await packetListQuery(db, filter, page, cursor).execute();
    let fresh = 0;
    for (const row of rows) {
      // Rows at the cursor's own time came in the previous page too.
      if (cursor !== undefined && row.import_time_us === cursor.untilUs && seenAtCursor.has(row.id))
        continue;
      fresh += 1;
      if (keep(row)) {
        kept.push(row);
        if (kept.length === limit) break;
      }
    }
    scanned += fresh;
    const last = rows.at(-1);
    // A short page is the end of the range; so is a page of nulls-only times (nothing older).
    if (rows.length < page + (cursor?.overlap ?? 0) || last?.import_time_us == null || fresh === 0)
      break;
    const untilUs = last.import_time_us;
    if (cursor === undefined || cursor.untilUs !== untilUs) seenAtCursor.clear();
    for (const row of rows) if (row.import_time_us === untilUs) seenAtCursor.add(row.id);
    cursor = { untilUs, overlap: seenAtCursor.size };
  }
  return kept;
}
