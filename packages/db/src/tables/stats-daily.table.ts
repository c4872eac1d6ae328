import { defineTable } from '@meshview/schema';
import { rollupColumns as c } from './stats-rollup-columns.js';

/** Our roll-up: packets and receptions per UTC day, channel and port (the mesh-wide statistics). */
export const statsDailyTable = defineTable('stats_daily', {
  bucket_us: c.bucket_us(),
  channel: c.channel(),
  portnum: c.portnum(),
  packets: c.packets(),
  seen: c.seen(),
});
