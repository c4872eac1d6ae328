import { defineTable } from '@meshview/schema';
import { rollupColumns as c } from './stats-rollup-columns.js';

/**
 * Our roll-up: packets and receptions per sender, hour, recipient, channel and port (the
 * statistics filtered by sender, and the top senders).
 */
export const statsSenderHourlyTable = defineTable(
  'stats_sender_hourly',
  {
    from_node_id: c.node(),
    bucket_us: c.bucket_us(),
    to_node_id: c.node(),
    channel: c.channel(),
    portnum: c.portnum(),
    packets: c.packets(),
    seen: c.seen(),
  },
  { indexes: [{ name: 'idx_stats_sender_hourly_bucket_us', columns: ['bucket_us'] }] },
);
