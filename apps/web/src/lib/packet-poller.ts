import type { Packet, PacketsResponse } from '@meshview/api';
import { getJson } from './api.js';
import { importTimeOfEventId } from './live-event-id.js';

/** Packets asked for per request (the reader's largest `limit`). */
const PAGE = 1000;
/**
 * Requests per poll at most: after a long pause (a sleeping laptop) a poll fetches up to this
 * many pages of what came since, and leaves out anything older.
 */
const MAX_PAGES = 5;

/** What {@link startPacketPolling} is told. */
export interface PacketPollerProps {
  /** Seconds between polls. */
  readonly periodSeconds: number;
  /** The event id of the last packet already delivered, or `null` to start with what comes next. */
  readonly after: string | null;
  /** New packets, oldest first. */
  readonly onPackets: (packets: Packet[]) => void;
  /** The first request succeeded: from now on no new packet is missed. */
  readonly onReady: () => void;
}

/**
 * Polls `api/packets?since=` every `periodSeconds` (what MeshView's pages do, and what a page
 * does where the stream cannot be used), not while the tab is hidden: a tab shown again polls at
 * once. Without `after`, the first request only learns the newest import time. Returns the
 * function that stops polling.
 */
export function startPacketPolling(props: PacketPollerProps): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  let sinceUs = importTimeOfEventId(props.after);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;
  let ready = false;

  const poll = async () => {
    timer = undefined;
    if (document.visibilityState === 'hidden') return; // `visibilitychange` starts again
    busy = true;
    try {
      if (sinceUs === null) {
        const answer = await getJson<PacketsResponse>('api/packets', { limit: 1 }, signal);
        sinceUs = answer.latest_import_time ?? 0;
      } else {
        const { packets, latestUs } = await packetsSince(sinceUs, signal);
        sinceUs = latestUs;
        if (packets.length > 0) props.onPackets(packets);
      }
      if (!ready) {
        ready = true;
        props.onReady();
      }
    } catch {
      // The reader is away or busy: the next poll asks again from the same place.
    }
    busy = false;
    if (!signal.aborted) timer = setTimeout(() => void poll(), props.periodSeconds * 1000);
  };

  const onVisibility = () => {
    if (document.visibilityState === 'visible' && timer === undefined && !busy) void poll();
  };
  document.addEventListener('visibilitychange', onVisibility);
  void poll();
  return () => {
    controller.abort();
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** The packets imported after `sinceUs`, oldest first, and the newest import time. */
async function packetsSince(
  sinceUs: number,
  signal: AbortSignal,
): Promise<{ packets: Packet[]; latestUs: number }> {
  const pages: Packet[][] = [];
  let latestUs = sinceUs;
  let before: number | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await getJson<PacketsResponse>(
      'api/packets',
      { since: sinceUs, before, limit: PAGE },
      signal,
    );
    if (page === 0) latestUs = answer.latest_import_time ?? sinceUs;
    pages.push(answer.packets);
    if (answer.packets.length < PAGE) break;
    // A full page: older ones may wait behind it (the answer is newest first).
    before = Math.min(...answer.packets.map((p) => p.import_time_us ?? Infinity));
    if (!Number.isFinite(before)) break;
  }
  return { packets: oldestFirst(pages.flat()), latestUs };
}

/** `packets` sorted by import time, then id: the order they were stored in. */
function oldestFirst(packets: readonly Packet[]): Packet[] {
  return [...packets].sort(
    (a, b) => (a.import_time_us ?? 0) - (b.import_time_us ?? 0) || a.id - b.id,
  );
}
