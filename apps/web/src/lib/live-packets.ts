import { useEffect, useRef, useState } from 'preact/hooks';
import type { Packet } from '@meshview/api';
import { LiveFeed, type LiveFeedStatus } from './live-feed.js';
import { basePath } from './router.js';

/** A packet as the live feed delivers it: one element of `/api/packets`' `packets`. */
export type LivePacket = Packet;

/** A page's view of the feed: `off` while nothing in this tab subscribes. */
export type LiveStatus = 'off' | LiveFeedStatus['mode'];

/** What a subscriber is told about. */
export type LivePacketsListener = (packets: LivePacket[]) => void;

interface Subscriber {
  readonly listener: LivePacketsListener;
  readonly pollSeconds: number;
}

const subscribers = new Set<Subscriber>();
const statusWatchers = new Set<(status: LiveStatus) => void>();
let feed: LiveFeed | null = null;
let status: LiveStatus = 'off';
let pollSeconds = 0;

/** Shortest fallback period any subscriber asked for (at least a second). */
function wantedPollSeconds(): number {
  let shortest = Infinity;
  for (const subscriber of subscribers) shortest = Math.min(shortest, subscriber.pollSeconds);
  return Math.max(1, Number.isFinite(shortest) ? shortest : 1);
}

/**
 * Shows the feed's state on `<html>` (`data-live="connecting|stream|polling"`,
 * `data-live-role="leader|follower|alone"`; gone while off), for the browser tests and for
 * CSS, and tells the watchers.
 */
function setStatus(next: LiveStatus, role: LiveFeedStatus['role'] | null): void {
  const root = document.documentElement;
  if (next === 'off' || role === null) {
    delete root.dataset.live;
    delete root.dataset.liveRole;
  } else {
    root.dataset.live = next;
    root.dataset.liveRole = role;
  }
  if (next === status) return;
  status = next;
  for (const watcher of statusWatchers) watcher(next);
}

function deliver(packets: LivePacket[]): void {
  for (const subscriber of [...subscribers]) {
    try {
      subscriber.listener(packets);
    } catch (error) {
      // One page's failing listener must not starve the others: report it and go on.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/**
 * Calls `listener` with each batch of packets stored from now on, in delivery order (oldest
 * first), until the returned function is called.
 *
 * A tab takes part in the site's feed while it has at least one subscriber: the first
 * subscription joins (one stream per browser, shared by all its tabs of this site through a
 * Web Lock leader and a BroadcastChannel), the last unsubscription leaves (the stream, if this
 * tab held it, passes to another tab that subscribes). Where the stream cannot be used, the tab
 * polls `api/packets?since=` every `fallbackPollSeconds` (the shortest any subscriber asked
 * for), not while it is hidden.
 *
 * @example
 * const stop = subscribeLivePackets((packets) => addRows(packets), { fallbackPollSeconds: 3 });
 * // when the page goes away:
 * stop();
 */
export function subscribeLivePackets(
  listener: LivePacketsListener,
  options: { readonly fallbackPollSeconds: number },
): () => void {
  const subscriber: Subscriber = { listener, pollSeconds: options.fallbackPollSeconds };
  subscribers.add(subscriber);
  if (feed === null) {
    pollSeconds = wantedPollSeconds();
    const started = new LiveFeed({
      // Two sites on one host (different base paths) keep apart.
      name: `meshview-live ${new URL(basePath(), location.origin).href}`,
      pollSeconds: () => pollSeconds,
      onPackets: deliver,
      onStatus: ({ mode, role }) => {
        if (feed === started) setStatus(mode, role);
      },
    });
    feed = started;
    started.start();
  } else if (wantedPollSeconds() !== pollSeconds) {
    pollSeconds = wantedPollSeconds();
    feed.restartPolling();
  }
  return () => {
    if (!subscribers.delete(subscriber)) return;
    if (subscribers.size === 0) {
      feed?.stop();
      feed = null;
      setStatus('off', null);
    } else if (wantedPollSeconds() !== pollSeconds) {
      pollSeconds = wantedPollSeconds();
      feed?.restartPolling();
    }
  };
}

/**
 * {@link subscribeLivePackets} for a component: subscribed while mounted and `enabled` (a page
 * whose `[site] *_interval` is 0 or less is not live), with the latest `listener` called each
 * time. Returns the feed's status for the page to show.
 *
 * @example
 * const live = useLivePackets((packets) => setRows((rows) => [...packets.reverse(), ...rows]), {
 *   enabled: config.site.map_interval > 0,
 *   fallbackPollSeconds: config.site.map_interval,
 * });
 */
export function useLivePackets(
  listener: LivePacketsListener,
  options: { readonly enabled: boolean; readonly fallbackPollSeconds: number },
): LiveStatus {
  const latest = useRef(listener);
  latest.current = listener;
  const [shown, setShown] = useState<LiveStatus>(status);
  useEffect(() => {
    statusWatchers.add(setShown);
    setShown(status);
    return () => {
      statusWatchers.delete(setShown);
    };
  }, []);
  const { enabled, fallbackPollSeconds } = options;
  useEffect(() => {
    if (!enabled) return;
    return subscribeLivePackets((packets) => latest.current(packets), { fallbackPollSeconds });
  }, [enabled, fallbackPollSeconds]);
  return enabled ? shown : 'off';
}
