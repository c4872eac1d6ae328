import { defineTable } from '@meshview/schema';
import { rollupColumns as c } from './stats-rollup-columns.js';

/**
 * Our roll-up: packets and receptions per recipient, UTC day, channel and port (the statistics
 * filtered by recipient, broadcast included).
 */
export const statsRecipientDailyTable = defineTable('stats_recipient_daily', {
  to_node_id: c.node(),
  bucket_us: c.bucket_us(),
  channel: c.channel(),
  portnum: c.portnum(),
  packets: c.packets(),
  seen: c.seen(),
});
