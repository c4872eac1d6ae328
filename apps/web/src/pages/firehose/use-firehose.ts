import { useEffect, useRef, useState } from 'preact/hooks';
import type { PacketsResponse } from '@meshview/api';
import { getJson } from '../../lib/api.js';
import { useLivePackets, type LivePacket, type LiveStatus } from '../../lib/live-packets.js';
import { inView, type FirehoseView } from './firehose-view.js';
import { EMPTY_BUFFER, resumed, withArrived, withLoaded, type RowBuffer } from './row-buffer.js';

/** How many packets the first request asks for (MeshView's). */
export const FIRST_PAGE = 100;

/** Whether the firehose is live, and how often it polls where the stream cannot be used. */
export interface FirehoseLive {
  readonly enabled: boolean;
  readonly fallbackPollSeconds: number;
}

/** What the page shows: its rows and their state. */
export interface Firehose {
  readonly buffer: RowBuffer;
  /** The first request's failure, if it failed. */
  readonly error: Error | undefined;
  /** Whether the first request has answered. */
  readonly loaded: boolean;
  /** Asks again after a failure. */
  readonly reload: () => void;
  /** The live feed's state (`off` when the site turned the page's updates off). */
  readonly live: LiveStatus;
  /** Every port number and channel the page has seen since it opened, whatever the filters. */
  readonly portsSeen: ReadonlySet<number>;
  readonly channelsSeen: ReadonlySet<string>;
}

/**
 * The newest packets in `view` (`/api/packets?limit=100&channel=&portnum=`), then each new one
 * as the live feed brings it: on top while running, set aside and counted while `paused`
 * (inserted when it resumes), never more than `view.rows`. A new view starts over.
 */
export function useFirehose(view: FirehoseView, paused: boolean, live: FirehoseLive): Firehose {
  const [buffer, setBuffer] = useState<RowBuffer>(EMPTY_BUFFER);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loaded, setLoaded] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [seen, setSeen] = useState({ ports: new Set<number>(), channels: new Set<string>() });
  const latest = useRef({ view, paused });
  latest.current = { view, paused };

  const remember = (packets: readonly LivePacket[]) => {
    const ports = packets.map((p) => p.portnum).filter((p): p is number => p !== null);
    const channels = packets.map((p) => p.channel).filter((c): c is string => c !== null);
    setSeen((old) =>
      ports.every((p) => old.ports.has(p)) && channels.every((c) => old.channels.has(c))
        ? old
        : {
            ports: new Set([...old.ports, ...ports]),
            channels: new Set([...old.channels, ...channels]),
          },
    );
  };

  const { channel, port, rows } = view;
  useEffect(() => {
    const controller = new AbortController();
    setBuffer(EMPTY_BUFFER);
    setError(undefined);
    setLoaded(false);
    getJson<PacketsResponse>(
      'api/packets',
      { limit: Math.min(FIRST_PAGE, rows), channel, portnum: port },
      controller.signal,
    ).then(
      (answer) => {
        if (controller.signal.aborted) return;
        remember(answer.packets);
        setBuffer((old) => withLoaded(old, answer.packets, rows));
        setLoaded(true);
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(failure as Error);
      },
    );
    return () => controller.abort();
  }, [channel, port, rows, attempt]);

  // Resuming inserts what waited.
  useEffect(() => {
    if (!paused)
      setBuffer((old) => (old.pending.length > 0 || old.newCount > 0 ? resumed(old, rows) : old));
  }, [paused, rows]);

  const status = useLivePackets((packets) => {
    remember(packets);
    const { view: now, paused: waiting } = latest.current;
    const wanted = packets.filter((packet) => inView(packet, now));
    setBuffer((old) => withArrived(old, wanted, { paused: waiting, limit: now.rows }));
  }, live);

  return {
    buffer,
    error,
    loaded,
    reload: () => setAttempt((n) => n + 1),
    live: status,
    portsSeen: seen.ports,
    channelsSeen: seen.channels,
  };
}
