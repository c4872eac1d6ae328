import type { ServerResponse } from 'node:http';
import { isAfter, type StreamEventId } from './stream-event-id.js';
import type { StreamEvent } from './stream-event.js';

/** What a {@link StreamClient} writes to and whom it tells when it is gone. */
export interface StreamClientProps {
  /** The hijacked response, its head already written. */
  readonly response: ServerResponse;
  /** Unsent bytes beyond which the client is dropped. */
  readonly maxBufferedBytes: number;
  /** Called once, when the connection closed (`slow`: dropped at the byte limit). */
  readonly onGone: (client: StreamClient, slow: boolean) => void;
}

/**
 * One connected client of the event stream. Events are written as they come, unless the client
 * is still being caught up from the database (`hold`), when they wait in order. A client whose
 * unsent bytes (Node's buffer and the socket's) pass the limit is dropped: the reader never holds
 * more than that for a client that does not read; it reconnects and resumes.
 */
export class StreamClient {
  readonly #props: StreamClientProps;
  #gone = false;
  /** Events waiting while the client is caught up; `null` when live. */
  #held: StreamEvent[] | null = null;
  #heldBytes = 0;
  /** Events at or before this are not sent (a resume the database served). */
  #floor: StreamEventId | null = null;

  constructor(props: StreamClientProps) {
    this.#props = props;
    const { response } = props;
    // The client may have gone while the stream was starting.
    if (response.destroyed || response.socket === null || response.socket.destroyed) {
      this.#gone = true;
      return;
    }
    response.on('close', () => this.#leave(false));
    // A write racing the peer's reset; the 'close' that follows does the cleanup.
    response.on('error', () => {});
  }

  get gone(): boolean {
    return this.#gone;
  }

  /** Holds the events from now on until {@link release}; none at or before `floor` is sent. */
  hold(floor: StreamEventId): void {
    this.#held = [];
    this.#floor = floor;
  }

  /** Sends `replay`, then what was held, and from then on each event as it comes. */
  release(replay: readonly StreamEvent[]): void {
    const held = this.#held ?? [];
    this.#held = null;
    this.#heldBytes = 0;
    for (const event of replay) this.send(event);
    for (const event of held) this.send(event);
  }

  send(event: StreamEvent): void {
    if (this.#gone) return;
    if (this.#floor !== null && !isAfter(event.at, this.#floor)) return;
    if (this.#held !== null) {
      this.#held.push(event);
      this.#heldBytes += event.bytes;
      if (this.#heldBytes > this.#props.maxBufferedBytes) this.#drop();
      return;
    }
    this.#write(event.frame);
  }

  /** A comment line (`: text`), which clients ignore and proxies see as traffic. */
  comment(text: string): void {
    if (this.#gone || this.#held !== null) return;
    this.#write(`: ${text}\n\n`);
  }

  /** Ends the response (the reader is stopping). */
  end(): void {
    if (this.#gone) return;
    this.#props.response.end();
  }

  #write(text: string): void {
    const { response, maxBufferedBytes } = this.#props;
    response.write(text);
    if (response.writableLength > maxBufferedBytes) this.#drop();
  }

  #drop(): void {
    this.#leave(true);
    this.#props.response.destroy();
  }

  #leave(slow: boolean): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#held = null;
    this.#props.onGone(this, slow);
  }
}
