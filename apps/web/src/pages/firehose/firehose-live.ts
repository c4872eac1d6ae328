import type { ConfigResponse } from '@meshview/api';
import type { FirehoseLive } from './use-firehose.js';

/**
 * The firehose's live settings: `[site] firehose_interval` is its fallback polling period
 * (MeshView's poll period; default 3 s), and 0 or less makes the page not live.
 */
export function firehoseLive(config: ConfigResponse): FirehoseLive {
  const seconds = config.site.firehose_interval;
  return { enabled: seconds > 0, fallbackPollSeconds: seconds };
}
