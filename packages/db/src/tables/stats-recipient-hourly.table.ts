import { defineTable } from '@meshview/schema';
import { rollupColumns as c } from './stats-rollup-columns.js';

/**
 * Our roll-up: packets and receptions per recipient, hour, channel and port (the statistics
 * filtered by recipient, broadcast included).
 */
export const statsRecipientHourlyTable = defineTable('stats_recipient_hourly', {
  to_node_id: c.node(),
  bucket_us: c.bucket_us(),
  channel: c.channel(),
  portnum: c.portnum(),
  packets: c.packets(),
  seen: c.seen(),
});
