import { useMemo } from 'preact/hooks';
import type { StatsResponse } from '@meshview/api';
import { useApi } from '../../lib/api.js';
import { ALL_CHANNELS, busiestChannel, channelTotals } from './stats-figures.js';

/** The last day's channels and the one the stats and top pages show by default. */
export interface ChannelChoice {
  /** The channels with packets in the last 24 hours, by name. */
  readonly channels: readonly string[];
  /** The channel shown: the URL's, else the busiest of the last 24 hours; `undefined`: all. */
  readonly channel: string | undefined;
  /** Whether the default is still being worked out (the channel is not known yet). */
  readonly loading: boolean;
}

/**
 * The channel a page shows: `chosen` (the URL's `channel`; {@link ALL_CHANNELS} for every
 * channel) or, without one, the channel with the most packets in the last 24 hours (one
 * `/api/stats?group_by=channel` request, by hour), not a fixed name as MeshView's `MediumFast`.
 */
export function useChannelChoice(chosen: string | null): ChannelChoice {
  const answer = useApi<StatsResponse>('api/stats', {
    period_type: 'hour',
    length: 24,
    group_by: 'channel',
  });
  const buckets = answer.data?.data;
  return useMemo(() => {
    const channels = [...channelTotals(buckets ?? []).keys()];
    if (chosen !== null) {
      return {
        channels:
          chosen === ALL_CHANNELS || channels.includes(chosen) ? channels : [...channels, chosen],
        channel: chosen === ALL_CHANNELS ? undefined : chosen,
        loading: false,
      };
    }
    // Without an answer (an error), every channel: the page still shows something.
    const loading = buckets === undefined && answer.error === undefined;
    return { channels, channel: buckets ? busiestChannel(buckets) : undefined, loading };
  }, [buckets, answer.error, chosen]);
}
