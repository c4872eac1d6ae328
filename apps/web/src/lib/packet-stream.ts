import type { Packet } from '@meshview/api';
import { apiUrl } from './api.js';

/** Failed tries in a row (no answer in between) after which the stream counts as unusable. */
export const STREAM_TRIES = 3;
/**
 * How long a try may wait for the stream's answer before it counts as failed: a proxy that
 * buffers answers holds the stream's back (the reader's keep-alive comes every 15 s).
 */
const OPEN_TIMEOUT_MS = 20_000;
/** The wait before our own second try; doubled for each further one. */
const RETRY_MS = 1_000;

/** What {@link openPacketStream} tells its owner. */
export interface PacketStreamProps {
  /** Where to resume, read at each (re)connection: the last event id this tab has seen. */
  readonly resumeFrom: () => string | null;
  /** The reader answered with the stream: packets flow from now on. */
  readonly onOpen: () => void;
  /** One `packet` event, in the order the stream sends them. */
  readonly onPacket: (eventId: string, packet: Packet) => void;
  /** {@link STREAM_TRIES} tries failed in a row; the stream is closed and stays closed. */
  readonly onUnusable: () => void;
}

/**
 * Opens the reader's packet stream (`api/stream/packets` under the base path) with an
 * `EventSource`, resuming after `resumeFrom()` (`last_event_id` in the query, since an
 * `EventSource` cannot set headers on its first request; its own reconnections send
 * `Last-Event-ID`, which the reader prefers). A dropped connection is retried, by the browser
 * when it can and by us when the browser gives up (an answer that is not a stream: a 404 from an
 * older reader, a 503); when the tries keep failing, `onUnusable` says to poll instead. Returns
 * the function that closes the stream.
 */
export function openPacketStream(props: PacketStreamProps): () => void {
  let source: EventSource | null = null;
  let failures = 0;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const close = () => {
    clearTimeout(openTimer);
    clearTimeout(retryTimer);
    source?.close();
    source = null;
  };

  const fail = () => {
    failures += 1;
    if (failures >= STREAM_TRIES) {
      close();
      closed = true;
      props.onUnusable();
      return true;
    }
    return false;
  };

  const connect = () => {
    const es = new EventSource(apiUrl('api/stream/packets', { last_event_id: props.resumeFrom() }));
    source = es;
    const waitForAnswer = () => {
      clearTimeout(openTimer);
      openTimer = setTimeout(() => {
        es.close();
        if (!fail()) connect();
      }, OPEN_TIMEOUT_MS);
    };
    waitForAnswer();
    es.onopen = () => {
      clearTimeout(openTimer);
      failures = 0;
      props.onOpen();
    };
    es.addEventListener('packet', (event) => {
      const message = event as MessageEvent<string>;
      let packet: Packet;
      try {
        packet = JSON.parse(message.data) as Packet;
      } catch {
        return; // not JSON: nothing a page could show
      }
      props.onPacket(message.lastEventId, packet);
    });
    es.onerror = () => {
      clearTimeout(openTimer);
      if (closed || fail()) return;
      if (es.readyState === EventSource.CLOSED) {
        // The browser gave up (an answer other than 200 text/event-stream): we try again.
        retryTimer = setTimeout(connect, RETRY_MS * 2 ** (failures - 1));
      } else {
        // The browser reconnects by itself, after the reader's `retry:`.
        waitForAnswer();
      }
    };
  };

  connect();
  return () => {
    closed = true;
    close();
  };
}
