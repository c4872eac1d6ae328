import { column, defineTable } from '@meshview/schema';

const counter = () => column.bigInteger().notNull();

/** Our `writer_stats`: each writer's counters, so readers on other machines can show them. */
export const writerStatsTable = defineTable('writer_stats', {
  writer_id: column.string().primaryKey(),
  started_us: counter(),
  updated_us: counter(),
  received: counter(),
  stored: counter(),
  duplicates: counter(),
  undecryptable: counter(),
  malformed: counter(),
  skipped: counter(),
  rate_limited: counter(),
  dropped: counter(),
  reconnects: counter(),
});
