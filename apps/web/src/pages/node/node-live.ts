import type { ConfigResponse } from '@meshview/api';

/** Whether the node page is live, and how often it polls where the stream cannot be used. */
export interface NodeLive {
  readonly enabled: boolean;
  readonly fallbackPollSeconds: number;
}

/**
 * The node page's live settings. MeshView's config has no interval of its own for the node page;
 * it shows a node's traffic the way the map shows the mesh's, so `[site] map_interval` is its
 * fallback polling period, and 0 or less makes it not live.
 */
export function nodeLive(config: ConfigResponse): NodeLive {
  const seconds = config.site.map_interval;
  return { enabled: seconds > 0, fallbackPollSeconds: seconds };
}
