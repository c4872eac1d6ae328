import type { Kysely } from 'kysely';
import type { Database } from '@meshview/db';
import type { ListQuery } from './list-query.js';
import { PACKET_COLUMNS, withNames, type PacketListRow } from './packet.queries.js';

/** A packet's place in the stream. */
export interface PacketPlace {
  readonly id: number;
  readonly import_time_us: number | null;
}

/**
 * The packets at the newest import time (their ids and that time): where a stream that starts
 * now begins. `MAX` reads one end of `idx_packet_import_time_us`.
 */
export function newestPacketsQuery(db: Kysely<Database>): ListQuery<PacketPlace> {
  const query = db
    .selectFrom('packet')
    .select(['id', 'import_time_us'])
    .where('import_time_us', '=', (eb) =>
      eb.selectFrom('packet').select((e) => e.fn.max('import_time_us').as('newest')),
    );
  return { compile: () => query.compile(), execute: () => query.execute() };
}

/**
 * The event stream's poll: packets imported at or after `fromUs` (every packet with an import
 * time when `null`), oldest first by import time then id, at most `limit`, with the nodes' long
 * names. One range of `idx_packet_import_time_us`; the rows at `fromUs` already delivered are
 * read again and left out by the caller (ties, see `StreamCursor`).
 */
export function streamPollQuery(
  db: Kysely<Database>,
  fromUs: number | null,
  limit: number,
): ListQuery<PacketListRow> {
  let packets = db.selectFrom('packet').select(PACKET_COLUMNS);
  packets =
    fromUs === null
      ? packets.where('import_time_us', 'is not', null)
      : packets.where('import_time_us', '>=', fromUs);
  const query = withNames(
    db,
    packets.orderBy('import_time_us', 'asc').orderBy('id', 'asc').limit(limit).as('p'),
  )
    .orderBy('p.import_time_us', 'asc')
    .orderBy('p.id', 'asc');
  return {
    compile: () => query.compile(),
    execute: () => query.execute(),
  };
}

/**
 * A resume that the stream's recent events cannot serve: the newest `limit` packets after
 * (`afterUs`, `afterId`) in (import time, id) order and imported at or before `untilUs` (where the
 * stream stands), oldest first, with the nodes' long names. One range of
 * `idx_packet_import_time_us`.
 */
export function streamResumeQuery(
  db: Kysely<Database>,
  after: { readonly importTimeUs: number; readonly id: number },
  untilUs: number,
  limit: number,
): ListQuery<PacketListRow> {
  const packets = db
    .selectFrom('packet')
    .select(PACKET_COLUMNS)
    .where('import_time_us', '>=', after.importTimeUs)
    .where('import_time_us', '<=', untilUs)
    .where((eb) => eb.or([eb('import_time_us', '>', after.importTimeUs), eb('id', '>', after.id)]))
    .orderBy('import_time_us', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  const query = withNames(db, packets.as('p'))
    .orderBy('p.import_time_us', 'asc')
    .orderBy('p.id', 'asc');
  return {
    compile: () => query.compile(),
    execute: () => query.execute(),
  };
}
