import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.js';
import {
  enumParam,
  integerParam,
  nodeIdParam,
  packetIdParam,
  paramsSchema,
  textParam,
  type DefaultedParam,
  type Param,
} from './param-schemas.js';

/**
 * `GET /api/stats`: one bucket. `portnum` is there when grouped by port (`group_by=portnum`),
 * `channel` when grouped by channel (`group_by=channel`; `null`: packets without one).
 */
export const StatsBucketSchema = Type.Object({
  period: Type.String({ description: '`YYYY-MM-DD HH:00` or `YYYY-MM-DD`, UTC' }),
  count: Type.Integer(),
  portnum: Type.Optional(Type.Integer()),
  channel: Type.Optional(Nullable(Type.String())),
});
export type StatsBucket = Static<typeof StatsBucketSchema>;

/** `GET /api/stats` (without `node`). */
export const StatsResponseSchema = Type.Object({
  period_type: Type.String(),
  length: Type.Integer(),
  channel: Nullable(Type.String()),
  portnum: Nullable(Type.Integer()),
  to_node: Nullable(Type.Integer()),
  from_node: Nullable(Type.Integer()),
  data: Type.Array(StatsBucketSchema),
});
export type StatsResponse = Static<typeof StatsResponseSchema>;

/** `GET /api/stats?node=…`. */
export const NodeStatsResponseSchema = Type.Object({
  node_id: Type.Integer(),
  period_type: Type.String(),
  length: Type.Integer(),
  sent: Type.Integer(),
  seen: Type.Integer(),
});
export type NodeStatsResponse = Static<typeof NodeStatsResponseSchema>;

/** `GET /api/stats/count`. */
export const StatsCountResponseSchema = Type.Object({
  total_packets: Type.Integer(),
  total_seen: Type.Integer(),
});
export type StatsCountResponse = Static<typeof StatsCountResponseSchema>;

/** `GET /api/stats/top`: one node. */
export const TopNodeSchema = Type.Object({
  node_id: Nullable(Type.Integer()),
  long_name: Nullable(Type.String()),
  short_name: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  sent: Type.Integer(),
  seen: Type.Integer(),
  avg: Type.Number({ description: '`seen / max(sent, 1)`, 2 decimals' }),
});
export type TopNode = Static<typeof TopNodeSchema>;

/** `GET /api/stats/top`. */
export const StatsTopResponseSchema = Type.Object({
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  nodes: Type.Array(TopNodeSchema),
});
export type StatsTopResponse = Static<typeof StatsTopResponseSchema>;

/** `GET /api/snapshots/daily`: one day. */
export const DailySnapshotSchema = Type.Object({
  date: Type.String({ description: '`YYYY-MM-DD`' }),
  node_count: Type.Integer(),
  packet_count: Type.Integer(),
  gateway_count: Type.Integer(),
  captured_at_us: Type.Integer(),
});
export type DailySnapshot = Static<typeof DailySnapshotSchema>;

/** `GET /api/snapshots/daily`. */
export const SnapshotsResponseSchema = Type.Object({ data: Type.Array(DailySnapshotSchema) });
export type SnapshotsResponse = Static<typeof SnapshotsResponseSchema>;

/** `GET /api/channels`. */
export const ChannelsResponseSchema = Type.Object({ channels: Type.Array(Type.String()) });
export type ChannelsResponse = Static<typeof ChannelsResponseSchema>;

/** `hour` or `day`. */
export type PeriodType = 'hour' | 'day';

/** The longest statistics window, in hours or days (MeshView clamps `/api/snapshots/daily` alike). */
export const MAX_STATS_LENGTH = 3650;

/**
 * `hour` or `day`, in any case: MeshView's `/api/stats` lower-cases it (a pattern, not an enum,
 * so the schema says so); the reader's handlers get it lower-cased.
 */
function periodParam(fallback: PeriodType): DefaultedParam<PeriodType>;
function periodParam(): Param<PeriodType>;
function periodParam(fallback?: PeriodType): Param<PeriodType> {
  return Type.Unsafe<PeriodType>({
    type: 'string',
    pattern: '^(?:[hH][oO][uU][rR]|[dD][aA][yY])$',
    ...(fallback !== undefined ? { default: fallback } : {}),
    description: '`hour` or `day` (any case)',
  });
}

const lengthOptions = {
  minimum: 1,
  maximum: MAX_STATS_LENGTH,
  clamp: true,
  description: `how many periods back from now (clamped to 1..${MAX_STATS_LENGTH})`,
} as const;
const channel = textParam({ description: 'channel name (empty: any)' });
const portnum = integerParam({ minimum: 0, maximum: 2_147_483_647, description: 'port number' });

/** `GET /api/channels`' parameters. */
export const ChannelsQuerySchema = paramsSchema({
  period_type: periodParam('hour'),
  length: integerParam({ ...lengthOptions, default: 24 }),
});
export type ChannelsQuery = Static<typeof ChannelsQuerySchema>;

/** `GET /api/stats`' parameters. */
export const StatsQuerySchema = paramsSchema({
  period_type: periodParam('hour'),
  length: integerParam({ ...lengthOptions, default: 24 }),
  channel,
  portnum,
  to_node: nodeIdParam('recipient node number'),
  from_node: nodeIdParam('sender node number'),
  node: nodeIdParam('a node: answer its sent and received totals instead'),
  group_by: enumParam(['portnum', 'channel'], {
    description:
      'our addition: one bucket per period and port number (`portnum`) or channel (`channel`), each with its port or channel',
  }),
});
export type StatsQuery = Static<typeof StatsQuerySchema>;

/** `GET /api/stats/count`'s parameters (none has a default: their absence matters). */
export const StatsCountQuerySchema = paramsSchema({
  packet_id: packetIdParam('count this packet’s receptions'),
  period_type: periodParam(),
  length: integerParam(lengthOptions),
  channel,
  from_node: nodeIdParam('sender node number'),
  to_node: nodeIdParam('recipient node number'),
});
export type StatsCountQuery = Static<typeof StatsCountQuerySchema>;

/** `GET /api/stats/top`'s parameters. */
export const StatsTopQuerySchema = paramsSchema({
  period_type: periodParam('day'),
  length: integerParam({ ...lengthOptions, default: 1 }),
  channel: textParam({ description: 'the nodes’ channel (exact; empty: any)' }),
  limit: integerParam({ minimum: 1, maximum: 100, clamp: true, default: 20 }),
  offset: integerParam({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, clamp: true, default: 0 }),
  sort: enumParam(['seen', 'sent', 'avg', 'name'], {
    default: 'seen',
    description:
      'our addition: the column to sort by (`name`: long name, else short name, any case); ties keep the default ranking’s order',
  }),
  order: enumParam(['desc', 'asc'], {
    default: 'desc',
    description: 'our addition: `desc` (most first) or `asc`',
  }),
});
export type StatsTopQuery = Static<typeof StatsTopQuerySchema>;

/** `GET /api/snapshots/daily`'s parameters. */
export const SnapshotsQuerySchema = paramsSchema({
  length: integerParam({
    minimum: 1,
    maximum: MAX_STATS_LENGTH,
    clamp: true,
    description: `the latest this many days (clamped to 1..${MAX_STATS_LENGTH}; absent: all, at most ${MAX_STATS_LENGTH})`,
  }),
});
export type SnapshotsQuery = Static<typeof SnapshotsQuerySchema>;

/** Either answer of `GET /api/stats`. */
export const StatsAnswerSchema = Type.Union([NodeStatsResponseSchema, StatsResponseSchema]);
export type StatsAnswer = Static<typeof StatsAnswerSchema>;
