import type { FastifyReply, FastifyRequest } from 'fastify';
import { TtlCache, type CacheCounts } from '../ttl-cache.js';

/** How long a data route's serialised answer is reused (see docs/API.md, "Speed"). */
export const ANSWER_TTL_MS = 1_000;
/** Answers kept at most, and their total size in bytes. */
const MAX_ANSWERS = 512;
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/**
 * How long a part several answers are made from is reused: the parts are slow to build and
 * change slowly (`/api/edges`' graph of the last 12 hours), like the statistics' 5 s answers.
 */
export const PART_TTL_MS = 5_000;
/** Shared parts of answers kept at most. */
const MAX_PARTS = 16;

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * An answer a route wrote as JSON text itself, exactly as its response schema's serialiser would
 * have (a test compares them), or as that text's UTF-8 bytes: {@link AnswerCache.answer} sends
 * it as it is.
 */
export class JsonText {
  constructor(readonly json: string | Buffer) {}
}

/** Told of each answer lookup, for the metrics. */
export type AnswerCacheCounts = CacheCounts;

/** What an {@link AnswerCache} is built with; every field has a default. */
export interface AnswerCacheProps {
  readonly ttlMs?: number;
  /** How long {@link AnswerCache.part}'s values are reused. */
  readonly partTtlMs?: number;
  readonly maxAnswers?: number;
  /** The cached answers' total size, in bytes. */
  readonly maxBytes?: number;
  /** The clock, in ms; read at each call, so a clock replaced later is seen. */
  readonly now?: () => number;
  /** Told whether each answer was reused (a hit) or computed (a miss). */
  readonly counts?: AnswerCacheCounts;
}

/**
 * The data routes' serialised answers, reused for identical requests for {@link ANSWER_TTL_MS}:
 * at hundreds of requests a second from the same pages, most requests then cost a lookup instead
 * of a query, a rendering and a serialisation. The key is the route and every validated
 * parameter (path and query, after defaults and coercion), so `limit=50` and no `limit` share an
 * answer and no two different requests do. An answer is cached whole, so `/api/packets`'
 * `latest_import_time` always goes with its own rows: a `since=` poller never skips a row.
 *
 * @example
 * app.get('/api/nodes', { schema }, async (request, reply) =>
 *   answers.answer(request, reply, () => listNodes(request.query)));
 */
export class AnswerCache {
  readonly #answers: TtlCache<Buffer | null>;
  readonly #parts: TtlCache<unknown>;
  readonly #shared: TtlCache<unknown>;

  constructor(props: AnswerCacheProps = {}) {
    const now = props.now ?? (() => Date.now());
    this.#answers = new TtlCache<Buffer | null>({
      ttlMs: props.ttlMs ?? ANSWER_TTL_MS,
      maxEntries: props.maxAnswers ?? MAX_ANSWERS,
      weigh: (body) => body?.byteLength ?? 0,
      maxWeight: props.maxBytes ?? MAX_ANSWER_BYTES,
      now: () => now(),
      counts: props.counts,
    });
    this.#parts = new TtlCache<unknown>({
      ttlMs: props.partTtlMs ?? PART_TTL_MS,
      maxEntries: MAX_PARTS,
      now: () => now(),
    });
    this.#shared = new TtlCache<unknown>({
      ttlMs: props.ttlMs ?? ANSWER_TTL_MS,
      maxEntries: MAX_PARTS,
      now: () => now(),
    });
  }

  /**
   * A value the answers to many parameter sets of a route are cut from (e.g. every node, which
   * `/api/nodes`' filters narrow), reused exactly as long as an answer is: as fresh as the answers
   * themselves, and computed anew for each request when answers are not reused.
   */
  shared<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.#shared.get(key, compute) as Promise<T>;
  }

  /**
   * A value several answers are made from (e.g. `/api/edges`' list before its node filter),
   * computed once and reused for {@link PART_TTL_MS}. `key` names the value and everything it
   * depends on; a few of these are kept.
   */
  part<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.#parts.get(key, compute) as Promise<T>;
  }

  /**
   * The JSON of `compute()`'s answer to this route and these parameters, computed now or
   * reused, with the reply's content type set; `null` when `compute()` found nothing (also
   * reused: the caller answers 404). The text is serialised by the route's response schema,
   * unless the route wrote it ({@link JsonText}).
   */
  async answer(
    request: FastifyRequest,
    reply: FastifyReply,
    compute: () => Promise<object | null>,
  ): Promise<Buffer | null> {
    const body = await this.#answers.get(answerKey(request), async () => {
      const answer = await compute();
      if (answer === null) return null;
      // Kept encoded: sending a buffer costs no UTF-8 encoding per request.
      if (answer instanceof JsonText) {
        return typeof answer.json === 'string' ? Buffer.from(answer.json) : answer.json;
      }
      return Buffer.from(reply.serialize(answer) as string);
    });
    if (body !== null) reply.type(JSON_TYPE);
    return body;
  }

  /** Answers kept (for tests). */
  get size(): number {
    return this.#answers.size;
  }

  /** Their total size in bytes (for tests). */
  get bytes(): number {
    return this.#answers.weight;
  }
}

/** The route and every validated parameter, in a fixed order. */
export function answerKey(request: FastifyRequest): string {
  return `${request.routeOptions.url} ${canonical(request.params)} ${canonical(request.query)}`;
}

function canonical(values: unknown): string {
  if (values === null || typeof values !== 'object') return '';
  const record = values as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]]),
  );
}
