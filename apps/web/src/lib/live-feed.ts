import type { Packet } from '@meshview/api';
import { liveEventIdOf } from './live-event-id.js';
import { startPacketPolling } from './packet-poller.js';
import { openPacketStream } from './packet-stream.js';
import { RecentIds } from './recent-ids.js';
import { holdWebLock } from './web-lock.js';

/**
 * Where new packets come from: `connecting` (not yet), `stream` (the reader's event stream, this
 * tab's or the leader's) or `polling` (`api/packets?since=`, each tab for itself).
 */
export type LiveMode = 'connecting' | 'stream' | 'polling';

/**
 * This tab's part: the `leader` holds the stream for every tab of the site, a `follower` hears
 * the leader, a tab `alone` (no Web Locks or BroadcastChannel) has its own stream or polls.
 */
export type LiveRole = 'leader' | 'follower' | 'alone';

/** What a {@link LiveFeed} reports: `mode` is `polling` only once a poll has succeeded. */
export interface LiveFeedStatus {
  readonly mode: LiveMode;
  readonly role: LiveRole;
}

/** What a {@link LiveFeed} is built with. */
export interface LiveFeedProps {
  /** The Web Lock's and the BroadcastChannel's name: one per site (origin and base path). */
  readonly name: string;
  /** Seconds between polls when polling; read whenever polling starts. */
  readonly pollSeconds: () => number;
  /** New packets, in delivery order, a batch at a time; each packet once. */
  readonly onPackets: (packets: Packet[]) => void;
  readonly onStatus: (status: LiveFeedStatus) => void;
}

/** How a leader tells its followers what it does. */
type ChannelMessage =
  | { readonly type: 'packets'; readonly items: readonly LiveItem[] }
  | { readonly type: 'mode'; readonly mode: LiveMode }
  | { readonly type: 'hello' };

interface LiveItem {
  readonly eventId: string | null;
  readonly packet: Packet;
}

/** A leader whose stream is unusable polls, and tries the stream again this often. */
const STREAM_RETRY_MS = 5 * 60_000;
/** Packets that arrive this close together reach the listeners in one batch. */
const BATCH_MS = 100;

/**
 * One tab's share of the site's live packets. The tabs of a browser elect a leader with a Web
 * Lock; the leader opens the one event stream and passes each packet on over a BroadcastChannel,
 * so the browser holds one connection however many tabs are open (HTTP/1.1 allows six per
 * host). When the leader goes, the next tab in line for the lock resumes the stream after the
 * last event it heard. When the stream cannot be used, the leader says so and every tab polls by
 * itself (paused while hidden), while the leader tries the stream again now and then.
 */
export class LiveFeed {
  readonly #props: LiveFeedProps;
  readonly #seen = new RecentIds();
  #role: LiveRole = 'alone';
  #mode: LiveMode = 'connecting';
  #pollReady = false;
  #lastEventId: string | null = null;
  #pending: Packet[] = [];
  #batchTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #channel: BroadcastChannel | null = null;
  #releaseLock: (() => void) | null = null;
  #closeStream: (() => void) | null = null;
  #stopPolling: (() => void) | null = null;
  #stopped = false;

  constructor(props: LiveFeedProps) {
    this.#props = props;
  }

  /** Takes part: follows the leader, or leads, or (without the APIs for that) goes alone. */
  start(): void {
    if (typeof EventSource === 'undefined') {
      this.#fallBack();
    } else if (typeof BroadcastChannel === 'undefined' || !('locks' in navigator)) {
      this.#openStream();
    } else {
      this.#role = 'follower';
      this.#channel = new BroadcastChannel(this.#props.name);
      this.#channel.onmessage = (event: MessageEvent<ChannelMessage>) => this.#hear(event.data);
      // A leader answers with its mode, so a tab that joins a polling site polls too.
      this.#post({ type: 'hello' });
      this.#releaseLock = holdWebLock(navigator.locks, this.#props.name, () => this.#lead());
    }
    this.#report();
  }

  /** Stops taking part: the lock goes to the next tab, the stream or polling stops. */
  stop(): void {
    this.#stopped = true;
    this.#releaseLock?.();
    this.#channel?.close();
    this.#closeStream?.();
    this.#stopPolling?.();
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#batchTimer);
    this.#pending = [];
  }

  /** Polls again at the current {@link LiveFeedProps.pollSeconds} (if polling). */
  restartPolling(): void {
    if (!this.#stopPolling) return;
    this.#stopPolling();
    this.#stopPolling = null;
    this.#startPolling();
  }

  #lead(): void {
    if (this.#stopped) return;
    this.#role = 'leader';
    this.#setMode('connecting');
    this.#openStream();
  }

  #openStream(): void {
    this.#closeStream?.();
    this.#closeStream = openPacketStream({
      resumeFrom: () => this.#lastEventId,
      onOpen: () => {
        this.#stopPolling?.();
        this.#stopPolling = null;
        this.#setMode('stream');
      },
      onPacket: (eventId, packet) => {
        const items = [{ eventId, packet }];
        this.#post({ type: 'packets', items });
        this.#receive(items);
      },
      onUnusable: () => {
        this.#closeStream = null;
        this.#fallBack();
        this.#retryTimer = setTimeout(() => this.#openStream(), STREAM_RETRY_MS);
      },
    });
  }

  #fallBack(): void {
    this.#setMode('polling');
    this.#startPolling();
  }

  #startPolling(): void {
    if (this.#stopPolling || this.#stopped) return;
    this.#pollReady = false;
    this.#stopPolling = startPacketPolling({
      periodSeconds: this.#props.pollSeconds(),
      after: this.#lastEventId,
      onPackets: (packets) =>
        this.#receive(packets.map((packet) => ({ eventId: liveEventIdOf(packet), packet }))),
      onReady: () => {
        this.#pollReady = true;
        this.#report();
      },
    });
  }

  #setMode(mode: LiveMode): void {
    this.#mode = mode;
    if (this.#role === 'leader') this.#post({ type: 'mode', mode });
    this.#report();
  }

  #hear(message: ChannelMessage): void {
    if (this.#stopped) return;
    if (message.type === 'hello') {
      if (this.#role === 'leader') this.#post({ type: 'mode', mode: this.#mode });
    } else if (message.type === 'mode') {
      // A former leader's last words can arrive after this tab took over: only followers listen.
      if (this.#role !== 'follower') return;
      this.#mode = message.mode;
      if (message.mode === 'polling') this.#startPolling();
      else {
        this.#stopPolling?.();
        this.#stopPolling = null;
      }
      this.#report();
    } else {
      this.#receive(message.items);
    }
  }

  /** Delivers what this tab has not delivered yet, and remembers where the feed stands. */
  #receive(items: readonly LiveItem[]): void {
    for (const { eventId, packet } of items) {
      if (eventId !== null) {
        if (!this.#seen.add(eventId)) continue;
        this.#lastEventId = eventId;
      }
      this.#pending.push(packet);
    }
    if (this.#pending.length > 0 && this.#batchTimer === undefined) {
      this.#batchTimer = setTimeout(() => {
        this.#batchTimer = undefined;
        const batch = this.#pending;
        this.#pending = [];
        if (batch.length > 0) this.#props.onPackets(batch);
      }, BATCH_MS);
    }
  }

  #post(message: ChannelMessage): void {
    this.#channel?.postMessage(message);
  }

  #report(): void {
    if (this.#stopped) return;
    const mode = this.#mode === 'polling' && !this.#pollReady ? 'connecting' : this.#mode;
    this.#props.onStatus({ mode, role: this.#role });
  }
}
