import {
  CompiledQuery,
  SqliteAdapter,
  sql,
  type AliasedExpression,
  type AliasedRawBuilder,
  type Kysely,
  type Selectable,
  type SelectQueryBuilder,
} from 'kysely';
import type { ListQuery } from './list-query.js';
import type { Database } from '@meshview/db';
import type { PacketFilter } from './packet-filter.js';

/** A packet row with its sender's and receiver's long names (null when the node is unknown). */
export type PacketListRow = Readonly<
  PacketRow & {
    long_name: Selectable<Database['node']>['long_name'];
    to_long_name: Selectable<Database['node']>['long_name'];
  }
>;

/** Where a page of a scan ends: rows at or before `untilUs`, minus the ids already taken there. */
export interface ScanCursor {
  readonly untilUs: number;
  /** How many rows at exactly `untilUs` the previous pages returned (fetched again, skipped). */
  readonly overlap: number;
}

/** The packet columns a listed packet carries. */
export const PACKET_COLUMNS = [
  'id',
  'import_time_us',
  'channel',
  'from_node_id',
  'to_node_id',
  'portnum',
  'payload',
] as const;

type PacketRow = Pick<Selectable<Database['packet']>, (typeof PACKET_COLUMNS)[number]>;

/** Builds the query {@link packetListQuery} runs (see there). */
function buildPacketListQuery(
  db: Kysely<Database>,
  filter: PacketFilter,
  limit: number,
  cursor?: ScanCursor,
): ListQuery<PacketListRow> {
  const take = limit + (cursor?.overlap ?? 0);
  // One branch or the union of two: as the derived table `p`, PacketRow rows either way.
  let newest: AliasedExpression<PacketRow, 'p'>;
  if (filter.nodeId !== undefined && nodeKeysSuffice(db, filter)) {
    newest = nodeKeysFirst(filter.nodeId, filter, cursor, take);
  } else if (filter.nodeId !== undefined) {
    const node = filter.nodeId;
    const sent = branch(db, filter, cursor, take).where('from_node_id', '=', node);
    const received = branch(db, filter, cursor, take)
      .where('to_node_id', '=', node)
      // A packet a node sent to itself is in the first branch already.
      .where((eb) => eb.or([eb('from_node_id', 'is', null), eb('from_node_id', '!=', node)]));
    newest = db
      .selectFrom(sent.as('sent'))
      .selectAll()
      .unionAll(db.selectFrom(received.as('received')).selectAll())
      .orderBy('import_time_us', 'desc')
      .limit(take)
      .as('p');
  } else {
    newest = branch(db, filter, cursor, take).as('p');
  }
  return withNames(db, newest).orderBy('p.import_time_us', 'desc');
}

/**
 * Whether a node's packets can be picked from its two indexes alone, before any row is read:
 * on SQLite (whose `(from_node_id, import_time_us)` and `(to_node_id, import_time_us)` indexes
 * hold each row's rowid), when every other condition is on the time.
 */
function nodeKeysSuffice(db: Kysely<Database>, filter: PacketFilter): boolean {
  return (
    db.getExecutor().adapter instanceof SqliteAdapter &&
    filter.packetId === undefined &&
    filter.portnum === undefined &&
    filter.fromNodeId === undefined &&
    filter.toNodeId === undefined &&
    filter.channel === undefined
  );
}

/**
 * A node's newest `take` packets, sent or received, on SQLite: the newest `take` keys (rowid,
 * time) of each index, merged (a packet the node sent to itself is in both, once), and only the
 * `take` rows that win read from the table. Reading the rows of both branches first, as the
 * general query does, read up to twice as many rows at random places of the file: most of a
 * busy node's answer time.
 */
function nodeKeysFirst(
  node: number,
  filter: PacketFilter,
  cursor: ScanCursor | undefined,
  take: number,
): AliasedRawBuilder<PacketRow, 'p'> {
  const time = [
    ...(filter.since !== undefined ? [sql` AND import_time_us > ${filter.since}`] : []),
    ...(filter.before !== undefined ? [sql` AND import_time_us < ${filter.before}`] : []),
    ...(cursor !== undefined ? [sql` AND import_time_us <= ${cursor.untilUs}`] : []),
  ];
  const keys = (column: 'from_node_id' | 'to_node_id') =>
    sql`SELECT r, t FROM (SELECT rowid AS r, import_time_us AS t FROM packet WHERE ${sql.ref(column)} = ${node}${sql.join(time, sql``)} ORDER BY import_time_us DESC LIMIT ${take})`;
  const columns = sql.join(PACKET_COLUMNS.map((c) => sql.ref(`packet.${c}`)));
  return sql<PacketRow>`(SELECT ${columns} FROM (${keys('from_node_id')} UNION ${keys('to_node_id')} ORDER BY t DESC LIMIT ${take}) AS k JOIN packet ON packet.rowid = k.r)`.as(
    'p',
  );
}

function branch(
  db: Kysely<Database>,
  filter: PacketFilter,
  cursor: ScanCursor | undefined,
  take: number,
): SelectQueryBuilder<Database, 'packet', PacketRow> {
  let query = db.selectFrom('packet').select(PACKET_COLUMNS);
  if (filter.packetId !== undefined) query = query.where('id', '=', filter.packetId);
  if (filter.since !== undefined) query = query.where('import_time_us', '>', filter.since);
  if (filter.before !== undefined) query = query.where('import_time_us', '<', filter.before);
  if (cursor !== undefined) query = query.where('import_time_us', '<=', cursor.untilUs);
  if (filter.portnum !== undefined) query = query.where('portnum', '=', filter.portnum);
  if (filter.fromNodeId !== undefined) query = query.where('from_node_id', '=', filter.fromNodeId);
  if (filter.toNodeId !== undefined) query = query.where('to_node_id', '=', filter.toNodeId);
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel);
  return query.orderBy('import_time_us', 'desc').limit(take);
}

// Compiling a query costs about as much as running it, and `/api/packets` is polled all the
// time: the SQL is compiled once per combination of filters (with stand-in values) and reused
// with each request's values put in the stand-ins' places.
const compiledShapes = new WeakMap<Kysely<Database>, Map<string, CompiledShape>>();

interface CompiledShape {
  readonly sql: string;
  /** For each parameter, which value goes there. */
  readonly slots: readonly Slot[];
}

type Slot = keyof PacketFilter | 'take' | 'untilUs';

const STAND_IN_BASE = -7_364_000_000_000_000;
const SLOT_NAMES: readonly Slot[] = [
  'packetId',
  'since',
  'before',
  'portnum',
  'fromNodeId',
  'toNodeId',
  'nodeId',
  'channel',
  'take',
  'untilUs',
];
const standIn = (slot: Slot): number | string =>
  slot === 'channel' ? '\u0000channel stand-in' : STAND_IN_BASE - SLOT_NAMES.indexOf(slot);

function compileShape(db: Kysely<Database>, filter: PacketFilter, cursor: boolean): CompiledShape {
  const standIns: Record<string, unknown> = {};
  for (const slot of SLOT_NAMES) {
    if (slot !== 'take' && slot !== 'untilUs' && filter[slot] !== undefined) {
      standIns[slot] = standIn(slot);
    }
  }
  const compiled = buildPacketListQuery(
    db,
    standIns,
    standIn('take') as number,
    cursor ? { untilUs: standIn('untilUs') as number, overlap: 0 } : undefined,
  ).compile();
  const slots = compiled.parameters.map((value) => {
    const slot = SLOT_NAMES.find((s) => standIn(s) === value);
    if (slot === undefined)
      throw new Error(`packet list query has an unexpected parameter ${String(value)}`);
    return slot;
  });
  return { sql: compiled.sql, slots };
}

/**
 * The newest packets matching `filter` (newest first), at most `limit`, with the nodes' long
 * names: the SQL `/api/packets` runs. Each branch reads one index range newest first and stops
 * after `limit` rows; a `node_id` filter is two such branches (sent, received) merged, so that
 * a busy node never makes the database read all its packets.
 */
export function packetListQuery(
  db: Kysely<Database>,
  filter: PacketFilter,
  limit: number,
  cursor?: ScanCursor,
): ListQuery<PacketListRow> {
  const shapeKey = `${SLOT_NAMES.filter((s) => filter[s as keyof PacketFilter] !== undefined).join(',')}|${cursor ? 'cursor' : ''}`;
  let shapes = compiledShapes.get(db);
  if (shapes === undefined) compiledShapes.set(db, (shapes = new Map<string, CompiledShape>()));
  let shape = shapes.get(shapeKey);
  if (shape === undefined)
    shapes.set(shapeKey, (shape = compileShape(db, filter, cursor !== undefined)));
  const values: Record<Slot, unknown> = {
    ...filter,
    take: limit + (cursor?.overlap ?? 0),
    untilUs: cursor?.untilUs,
  } as Record<Slot, unknown>;
  const compiled = CompiledQuery.raw(
    shape.sql,
    shape.slots.map((slot) => values[slot]),
  );
  return {
    compile: () => compiled,
    execute: async () => (await db.executeQuery<PacketListRow>(compiled)).rows,
  };
}

/**
 * The rows of the derived table `p` with their sender's and receiver's long names, each looked
 * up by the node's key. Written as two left joins, PostgreSQL hashed the whole node table twice
 * for a page of 50 packets (two sequential scans per request): a third of a node's page's time.
 */
export function withNames(db: Kysely<Database>, packets: AliasedExpression<PacketRow, 'p'>) {
  return db
    .selectFrom(packets)
    .select((eb) => [
      'p.id',
      'p.import_time_us',
      'p.channel',
      'p.from_node_id',
      'p.to_node_id',
      'p.portnum',
      'p.payload',
      eb
        .selectFrom('node')
        .select('node.long_name')
        .whereRef('node.node_id', '=', 'p.from_node_id')
        .as('long_name'),
      eb
        .selectFrom('node')
        .select('node.long_name')
        .whereRef('node.node_id', '=', 'p.to_node_id')
        .as('to_long_name'),
    ]);
}
