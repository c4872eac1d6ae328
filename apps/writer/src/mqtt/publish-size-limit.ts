import { Duplex } from 'node:stream';
import type { Logger } from '@meshview/log';

/**
 * The largest MQTT PUBLISH (topic, packet id and payload) the writer takes whole. A Meshtastic
 * ServiceEnvelope is under a kilobyte; MQTT 3.1.1 lets a broker send up to 256 MB in one
 * message, which the MQTT parser would hold whole before anyone could look at it.
 */
export const MAX_PUBLISH_BYTES = 64 * 1024;

/**
 * What a cut message carries instead of its payload: field 0 with wire type 7, which no
 * protobuf message accepts, so decoding counts the message as malformed.
 */
export const CUT_PAYLOAD = Buffer.of(0x07);

const PUBLISH = 3;
/** Topic length (2 bytes), the longest topic, and a packet id (2 bytes). */
const MAX_VARIABLE_HEADER = 2 + 0xffff + 2;

/** An oversized PUBLISH whose payload is being cut off. */
interface Cut {
  readonly first: number;
  readonly remaining: number;
  /** The variable header's bytes so far (topic length, topic, packet id). */
  readonly head: Buffer;
  got: number;
}

/**
 * Cuts the payload off every MQTT 3.1/3.1.1 PUBLISH larger than `maxBytes` while its bytes
 * stream in, so that no such payload is ever held: the packet goes on with its topic and
 * packet id and `CUT_PAYLOAD` (a QoS 1 message is still acknowledged, and decoding counts it
 * as malformed), and `onCut` hears of it. Every other packet passes unchanged, as the very
 * chunks that came in whenever nothing is cut. Bytes that are not MQTT framing (a remaining
 * length of more than four bytes) make it step aside and pass everything on to the parser,
 * which refuses them.
 *
 * @example
 * const limit = new PublishSizeLimit(MAX_PUBLISH_BYTES, (topic, bytes) => log(topic, bytes));
 * for (const piece of limit.filter(chunk)) parser.parse(piece);
 */
export class PublishSizeLimit {
  readonly #maxBytes: number;
  readonly #onCut: (topic: string, bytes: number) => void;
  /** A fixed header begun at the end of an earlier chunk. */
  #header: number[] = [];
  /** Bytes of the current packet still to pass on. */
  #pass = 0;
  /** Bytes of a cut payload still to drop. */
  #skip = 0;
  #cut: Cut | undefined;
  #broken = false;

  constructor(maxBytes: number, onCut: (topic: string, bytes: number) => void) {
    this.#maxBytes = maxBytes;
    this.#onCut = onCut;
  }

  /** What to pass on for `chunk`, in order: `[chunk]` itself unless something is cut. */
  filter(chunk: Buffer): Buffer[] {
    if (this.#broken) return [chunk];
    const out: Buffer[] = [];
    let from = 0; // start of the bytes passing on unchanged
    let i = 0;
    const flush = (to: number) => {
      if (to > from) out.push(from === 0 && to === chunk.length ? chunk : chunk.subarray(from, to));
    };
    while (i < chunk.length) {
      if (this.#pass > 0) {
        const n = Math.min(this.#pass, chunk.length - i);
        this.#pass -= n;
        i += n;
      } else if (this.#skip > 0) {
        const n = Math.min(this.#skip, chunk.length - i);
        this.#skip -= n;
        i += n;
        from = i;
      } else if (this.#cut !== undefined) {
        const done = this.#readCut(chunk, i);
        i = done.at;
        if (done.packet) out.push(done.packet);
        from = i;
      } else {
        // A fixed header: type byte, then 1–4 bytes of remaining length.
        const start = i;
        const held = this.#header.length;
        while (i < chunk.length) {
          const byte = chunk[i++]!;
          this.#header.push(byte);
          if (this.#header.length > 1 && (byte & 0x80) === 0) break;
          if (this.#header.length === 5) {
            this.#broken = true;
            flush(start);
            out.push(Buffer.from(this.#header.slice(0, held)), chunk.subarray(start));
            return out;
          }
        }
        const header = this.#header;
        const complete = header.length > 1 && (header[header.length - 1]! & 0x80) === 0;
        if (!complete) {
          // Held until the next chunk says which packet this is.
          flush(start);
          from = chunk.length;
          continue;
        }
        this.#header = [];
        const remaining = remainingLength(header);
        if (header[0]! >> 4 === PUBLISH && remaining > this.#maxBytes) {
          flush(start);
          from = i;
          this.#cut = {
            first: header[0]!,
            remaining,
            head: Buffer.alloc(Math.min(remaining, MAX_VARIABLE_HEADER)),
            got: 0,
          };
        } else {
          if (held > 0) {
            // Its first bytes came with the previous chunk and were held back.
            flush(start);
            out.push(Buffer.from(header.slice(0, held)));
            from = start;
          }
          this.#pass = remaining;
        }
      }
    }
    flush(chunk.length);
    return out;
  }

  /** Reads a cut packet's variable header; when it is whole, gives the packet to pass on. */
  #readCut(chunk: Buffer, at: number): { at: number; packet?: Buffer } {
    const cut = this.#cut!;
    const wanted = (): number => {
      if (cut.got < 2) return 2;
      const qos = (cut.first >> 1) & 3;
      return Math.min(cut.head.length, 2 + cut.head.readUInt16BE(0) + (qos > 0 ? 2 : 0));
    };
    while (at < chunk.length && cut.got < wanted()) {
      const n = Math.min(wanted() - cut.got, chunk.length - at);
      chunk.copy(cut.head, cut.got, at, at + n);
      cut.got += n;
      at += n;
    }
    if (cut.got < wanted()) return { at };
    this.#cut = undefined;
    this.#skip = cut.remaining - cut.got;
    const head = cut.head.subarray(0, cut.got);
    if (this.#skip === 0) {
      // Not a well-formed publish (its topic runs past its end): the parser refuses it whole.
      return {
        at,
        packet: Buffer.concat([Buffer.from([cut.first, ...lengthBytes(cut.got)]), head]),
      };
    }
    this.#onCut(head.toString('utf8', 2, 2 + head.readUInt16BE(0)), cut.remaining);
    const length = lengthBytes(cut.got + CUT_PAYLOAD.length);
    return { at, packet: Buffer.concat([Buffer.from([cut.first, ...length]), head, CUT_PAYLOAD]) };
  }
}

function remainingLength(header: readonly number[]): number {
  let value = 0;
  for (let i = header.length - 1; i >= 1; i -= 1) value = value * 128 + (header[i]! & 0x7f);
  return value;
}

function lengthBytes(length: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = length % 128;
    length = Math.floor(length / 128);
    if (length > 0) byte |= 0x80;
    bytes.push(byte);
  } while (length > 0);
  return bytes;
}

/**
 * `connection` with every PUBLISH it delivers passed through `limit`: what the MQTT client or
 * broker reads instead of the socket. Writes, ends, errors and closes go straight through, and
 * reading pauses the socket when the reader does not keep up (back-pressure is kept).
 */
export function limitPublishSize(connection: Duplex, limit: PublishSizeLimit): Duplex {
  return new LimitedConnection(connection, limit);
}

class LimitedConnection extends Duplex {
  readonly #connection: Duplex;

  constructor(connection: Duplex, limit: PublishSizeLimit) {
    super({ allowHalfOpen: false });
    this.#connection = connection;
    connection.on('data', (chunk: Buffer) => {
      let more = true;
      for (const piece of limit.filter(chunk)) more = this.push(piece);
      if (!more) connection.pause();
    });
    connection.on('end', () => this.push(null));
    connection.on('error', (error) => this.destroy(error));
    // Closed after its end: what it delivered is read first. Closed abruptly: gone at once.
    connection.on('close', () => {
      if (this.readableEnded || !connection.readableEnded) this.destroy();
      else this.once('end', () => this.destroy());
    });
  }

  override _read(): void {
    this.#connection.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (e?: Error | null) => void) {
    this.#connection.write(chunk, encoding, callback);
  }

  override _final(callback: (e?: Error | null) => void): void {
    this.#connection.end(callback);
  }

  override _destroy(error: Error | null, callback: (e?: Error | null) => void): void {
    this.#connection.destroy();
    callback(error);
  }
}

/**
 * What to call when a message is cut: logs the first at once and then at most one line a
 * minute with the count since, so that a flood of big messages does not flood the log.
 */
export function logCutMessages(
  logger: Logger,
  where: string,
): (topic: string, bytes: number) => void {
  let lastLogged = -Infinity;
  let cut = 0;
  return (topic, bytes) => {
    cut += 1;
    const now = Date.now();
    if (now - lastLogged < 60_000) return;
    logger.warn(
      { where, topic, bytes, limit: MAX_PUBLISH_BYTES, cut },
      `MQTT message over ${MAX_PUBLISH_BYTES} bytes: payload dropped unread (counted as malformed)`,
    );
    lastLogged = now;
    cut = 0;
  };
}
