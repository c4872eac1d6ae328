import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Packet, PacketsResponse } from '@meshview/api';
import { getJson } from '../../lib/api.js';
import { BROADCAST_NUM } from '../../lib/format.js';
import { useLivePackets, type LiveStatus } from '../../lib/live-packets.js';
import {
  CHAT_PAGE,
  isChatMessage,
  messageKey,
  oldestTimeUs,
  withNewer,
  withOlder,
} from './chat-rows.js';

/**
 * How often the chat polls when the event stream cannot be used. MeshView's chat polls every
 * 5 s and has no `[site]` key for it.
 */
export const CHAT_POLL_SECONDS = 5;

/** The chat's messages so far, and how to get older ones. */
export interface ChatMessages {
  /** Oldest first. */
  readonly rows: readonly Packet[];
  /** The first page's failure (nothing to show). */
  readonly error: Error | undefined;
  /** Whether the first page has come. */
  readonly loaded: boolean;
  readonly reload: () => void;
  /** An older page is on its way. */
  readonly loadingOlder: boolean;
  readonly olderError: Error | undefined;
  /** Whether an older page may exist (the last page was full). */
  readonly more: boolean;
  /** Loads the page before the oldest message shown (`before=<its import_time_us>`). */
  readonly loadOlder: () => void;
  /** Keys (`messageKey`) of the messages that came live, to mark them. */
  readonly arrivedLive: ReadonlySet<string>;
  readonly live: LiveStatus;
}

/**
 * The chat: the newest text messages to everyone (`/api/packets?portnum=1&to_node_id=<broadcast>`,
 * on `channel` when one is chosen), 100 at a time, older pages on request with the `before`
 * cursor, and new ones from the live feed as they are stored.
 */
export function useChatMessages(channel: string | null): ChatMessages {
  // The rows as last set, for the answers and live batches that arrive between renders.
  const shown = useRef<readonly Packet[]>([]);
  const [rows, setRowsState] = useState<readonly Packet[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [more, setMore] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<Error | undefined>(undefined);
  const [arrivedLive, setArrivedLive] = useState<ReadonlySet<string>>(new Set());
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const setRows = (next: readonly Packet[]) => {
    shown.current = next;
    setRowsState(next);
  };
  const query = {
    portnum: 1,
    to_node_id: BROADCAST_NUM,
    channel: channel ?? undefined,
    limit: CHAT_PAGE,
  };

  useEffect(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setRows([]);
    setLoaded(false);
    setError(undefined);
    setOlderError(undefined);
    setLoadingOlder(false);
    setArrivedLive(new Set());
    getJson<PacketsResponse>('api/packets', query, current.signal).then(
      (answer) => {
        if (current.signal.aborted) return;
        // Live messages that came while the first page loaded stay below it.
        setRows(withNewer(shown.current, answer.packets).rows);
        setMore(answer.packets.length === CHAT_PAGE);
        setLoaded(true);
      },
      (failure: Error) => {
        if (!current.signal.aborted) setError(failure);
      },
    );
    return () => current.abort();
  }, [channel, attempt]);

  const loadOlder = useCallback(() => {
    const before = oldestTimeUs(shown.current);
    if (before === undefined || controller.current === null) return;
    const current = controller.current;
    setLoadingOlder(true);
    setOlderError(undefined);
    getJson<PacketsResponse>('api/packets', { ...query, before }, current.signal).then(
      (answer) => {
        if (current.signal.aborted) return;
        const { rows: next, added } = withOlder(shown.current, answer.packets, before);
        setRows(next);
        setMore(answer.packets.length === CHAT_PAGE && added > 0);
        setLoadingOlder(false);
      },
      (failure: Error) => {
        if (current.signal.aborted) return;
        setOlderError(failure);
        setLoadingOlder(false);
      },
    );
  }, [channel, attempt]);

  const live = useLivePackets(
    (packets) => {
      const { rows: next, added } = withNewer(
        shown.current,
        packets.filter((p) => isChatMessage(p, channel)),
      );
      if (added.length === 0) return;
      setRows(next);
      setArrivedLive((old) => {
        const marked = new Set(old);
        for (const p of added) marked.add(messageKey(p));
        return marked;
      });
    },
    { enabled: true, fallbackPollSeconds: CHAT_POLL_SECONDS },
  );

  return {
    rows,
    error,
    loaded,
    reload: () => setAttempt((n) => n + 1),
    loadingOlder,
    olderError,
    more,
    loadOlder,
    arrivedLive,
    live,
  };
}
