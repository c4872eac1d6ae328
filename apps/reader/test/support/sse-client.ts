import { request, type IncomingMessage } from 'node:http';

/** One event as a client reads it off the wire. */
export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string;
}

/** How long a wait for events may take before the test fails (never a timing assertion). */
const WAIT_MS = 20_000;

/**
 * A plain HTTP client of an event stream that parses what it reads (`id:`, `event:`, `data:`,
 * `retry:`, comments), the way EventSource does, without reconnecting: tests reconnect by hand
 * to choose the resume point.
 *
 * @example
 * const client = await SseClient.connect(`${base}/api/stream/packets`);
 * await client.waitForEvents(3);
 * client.close();
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  retry: number | undefined;
  readonly response: IncomingMessage;
  readonly #ended: Promise<void>;
  #buffer = '';
  #wakers: (() => void)[] = [];
  #done = false;

  private constructor(response: IncomingMessage) {
    this.response = response;
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.#buffer += chunk;
      this.#parse();
    });
    this.#ended = new Promise((resolve) => {
      const end = (): void => {
        this.#done = true;
        this.#wake();
        resolve();
      };
      response.on('end', end);
      response.on('close', end);
      response.on('error', end);
    });
  }

  /**
   * Connects and resolves once the stream's first line (`retry:`) is read: from then on, the
   * stream sends every packet committed.
   */
  static async connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      request(url, { headers: { accept: 'text/event-stream', ...headers } }, resolve)
        .on('error', reject)
        .end();
    });
    if (response.statusCode !== 200) {
      response.resume();
      throw new Error(`${url}: answered ${response.statusCode}`);
    }
    const client = new SseClient(response);
    await client.#until(() => client.retry !== undefined, 'the retry line');
    return client;
  }

  /** The ids of the packet events read so far. */
  get ids(): string[] {
    return this.events.map((e) => e.id ?? '');
  }

  /** Whether the server ended or dropped the stream. */
  get ended(): boolean {
    return this.#done;
  }

  /** Waits until `count` events were read in all. */
  waitForEvents(count: number): Promise<void> {
    return this.#until(() => this.events.length >= count, `${count} events`);
  }

  /** Waits until the server ends the stream. */
  waitForEnd(): Promise<void> {
    return this.#ended;
  }

  close(): void {
    this.response.destroy();
  }

  #parse(): void {
    for (;;) {
      const end = this.#buffer.indexOf('\n\n');
      if (end < 0) break;
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      let id: string | undefined;
      let event: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments.push(line.slice(1).trim());
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = value;
        else if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'retry') this.retry = Number(value);
      }
      if (data.length > 0) this.events.push({ id, event, data: data.join('\n') });
    }
    this.#wake();
  }

  #wake(): void {
    for (const wake of this.#wakers.splice(0)) wake();
  }

  async #until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!done()) {
      if (this.#done)
        throw new Error(`the stream ended before ${what} (read ${this.events.length})`);
      if (Date.now() > deadline) {
        throw new Error(`no ${what} after ${WAIT_MS} ms (read ${this.events.length})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.#wakers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
