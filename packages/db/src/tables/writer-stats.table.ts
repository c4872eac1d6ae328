import { column, defineTable } from '@meshview/schema';

/**
 * The counters every writer keeps, in column order: `writer_stats`'s columns after its times, and
 * the names the writer counts and logs them by.
 */
export const WRITER_COUNTERS = [
  'received',
  'stored',
  'duplicates',
  'undecryptable',
  'malformed',
  'skipped',
  'rate_limited',
  'dropped',
  'reconnects',
] as const;

/** One of {@link WRITER_COUNTERS}. */
export type WriterCounter = (typeof WRITER_COUNTERS)[number];

const counter = () => column.bigInteger().notNull();

/** Our `writer_stats`: each writer's counters, so readers on other machines can show them. */
export const writerStatsTable = defineTable('writer_stats', {
  writer_id: column.string().primaryKey(),
  started_us: counter(),
  updated_us: counter(),
  ...(Object.fromEntries(WRITER_COUNTERS.map((name) => [name, counter()])) as {
    [K in WriterCounter]: ReturnType<typeof counter>;
  }),
});
