/**
 * A seeded generator of malformed requests for every route of the reader's OpenAPI document and
 * every page of the web app: hostile parameter values, traversal, very long URLs and headers,
 * wrong methods, bogus bodies, and raw protocol garbage for a plain socket.
 */
import { seededRandom } from '@meshview/sim';

/** A route as the OpenAPI document lists it: `/api/node/{id}` and its parameters. */
export interface RouteUnderTest {
  readonly path: string;
  readonly method: string;
  readonly query: readonly string[];
  readonly pathParams: readonly string[];
}

/** One HTTP request (sent by node:http), with the class it stands for. */
export interface HttpHostile {
  readonly kind: 'http';
  readonly cls: string;
  readonly method: string;
  /** Already encoded as it goes on the request line (without the base path). */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body?: string | Buffer;
  /** Whether the route validates its parameters (an API route): a 400 must give a reason. */
  readonly api: boolean;
}

/** Bytes written on a plain TCP connection; the connection is then half-closed. */
export interface RawHostile {
  readonly kind: 'raw';
  readonly cls: string;
  readonly chunks: readonly Buffer[];
}

export type Hostile = HttpHostile | RawHostile;

/** Values a parameter should never be: wrong types, huge numbers, injection, unicode. */
export const HOSTILE_VALUES: readonly string[] = [
  '1e400',
  '-1e400',
  '18446744073709551616', // 2^64
  '18446744073709551615',
  '9007199254740993',
  '-9223372036854775809',
  '-0',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1.5',
  '0x',
  '0xffffffffffffffffff',
  '0b102',
  '1_000',
  '',
  ' ',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '[object Object]',
  "' OR 1=1--",
  '" OR ""="',
  '1; DROP TABLE packet;--',
  "'); DELETE FROM node; --",
  '1 UNION SELECT * FROM sqlite_master',
  "1' AND pg_sleep(5)--",
  '\u0000',
  'a\u0000b',
  '\r\nX-Injected: 1',
  '\u202egnp.exe',
  'ÿþ',
  '😀😀😀',
  'Ω≈ç√∫',
  '\ufeff1',
  '１２３',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%s%s%s%n',
  'a'.repeat(5000),
  '9'.repeat(400),
];

/** Values that go on the request line as they are (already percent-encoded, or broken). */
const RAW_VALUES: readonly string[] = [
  '%00',
  '%',
  '%zz',
  '%ED%A0%80', // a lone surrogate
  '%C0%AF', // overlong '/'
  '%2e%2e%2f%2e%2e%2f',
  '..%5c..%5c',
  '%0d%0aSet-Cookie:%20x=1',
  '+++',
  'a=b&c=d',
  '%F0%9F%98%80',
];

const TRAVERSALS: readonly string[] = [
  '/../../../../etc/passwd',
  '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/%2e%2e%2f%2e%2e%2fconfig.ini',
  '/..%2f..%2f..%2fpackage.json',
  '/..%5c..%5c..%5cconfig.ini',
  '/..\\..\\config.ini',
  '/assets/../../../config.ini',
  '/assets/%2e%2e/%2e%2e/%2e%2e/package.json',
  '/assets/..%252f..%252fpackage.json',
  '//etc/passwd',
  '/./api/./nodes',
  '/api/../../../../etc/shadow',
  '/.git/config',
  '/.env',
  '/node_modules/.package-lock.json',
  '/api/%00',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
];

const WRONG_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL'];

const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=',
  'text/xml',
  'application/octet-stream',
  'application/json; charset=utf-7',
  '\u00ff/\u00ff',
];

const HEADER_ATTACKS: readonly (readonly [string, string])[] = [
  ['last-event-id', "' OR 1=1--"],
  ['last-event-id', '99999999999999999999999:-1'],
  ['last-event-id', 'NaN:NaN'],
  ['accept-language', 'x'.repeat(4000)],
  ['accept-encoding', 'gzip;q=NaN, br;q=1e400, *;q=-1'],
  ['range', 'bytes=-1-99999999999999999999'],
  ['if-none-match', '"' + 'W/'.repeat(1000) + '"'],
  ['if-modified-since', 'not a date'],
  ['x-forwarded-for', "' OR 1=1--, 999.999.999.999"],
  ['x-forwarded-proto', 'javascript'],
  ['host', 'evil.example\u00ff'],
  ['cookie', 'a=' + 'b'.repeat(8000)],
  ['content-length', '0'],
  ['accept', 'text/event-stream;q=NaN'],
];

/** What {@link hostileRequests} is given. */
export interface HostileSource {
  /** The OpenAPI document's routes (paths without the base path). */
  readonly routes: readonly RouteUnderTest[];
  /** The web app's page patterns (`/node/:id`). */
  readonly pages: readonly string[];
  /** The server's base path, for raw requests. */
  readonly basePath: string;
}

/** The class of each request in the mix, with its weight. */
const CLASSES: readonly (readonly [string, number])[] = [
  ['bad-param', 30],
  ['page', 8],
  ['traversal', 8],
  ['long-url', 4],
  ['long-header', 4],
  ['many-headers', 4],
  ['wrong-method', 8],
  ['bad-body', 6],
  ['bad-header', 8],
  ['raw', 20],
];

/**
 * `count` malformed requests for `source`, the same for the same `seed`: every route and page
 * gets its share, each class ({@link CLASSES}) its weight.
 */
export function hostileRequests(source: HostileSource, count: number, seed: number): Hostile[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const total = CLASSES.reduce((sum, [, w]) => sum + w, 0);
  const out: Hostile[] = [];
  for (let i = 0; i < count; i++) {
    let roll = random() * total;
    const cls = CLASSES.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'raw';
    // Round-robin over the routes so each one is hit, whatever the count.
    const route = source.routes[i % source.routes.length]!;
    const page = source.pages[i % source.pages.length]!;
    out.push(generate(cls, route, page, source.basePath, random, pick));
  }
  return out;
}

function hostileValue(random: () => number, pick: <T>(l: readonly T[]) => T): string {
  return random() < 0.25 ? pick(RAW_VALUES) : encodeURIComponent(pick(HOSTILE_VALUES));
}

function fillPath(
  path: string,
  random: () => number,
  pick: <T>(l: readonly T[]) => T,
  hostile: boolean,
): string {
  return path.replace(/\{[^}]+\}|:[A-Za-z_]+/g, () => (hostile ? hostileValue(random, pick) : '1'));
}

function generate(
  cls: string,
  route: RouteUnderTest,
  page: string,
  basePath: string,
  random: () => number,
  pick: <T>(l: readonly T[]) => T,
): Hostile {
  const http = (
    method: string,
    path: string,
    headers: Record<string, string | string[]> = {},
    body?: string | Buffer,
    api = true,
  ): HttpHostile => ({ kind: 'http', cls, method, path, headers, api, ...(body ? { body } : {}) });
  const routePath = (hostile: boolean) => fillPath(route.path, random, pick, hostile);
  switch (cls) {
    case 'bad-param': {
      const names = [...route.query, 'unknown_param', route.query[0] ?? 'x'];
      const n = 1 + Math.floor(random() * 3);
      const query = Array.from(
        { length: n },
        () => `${pick(names)}=${hostileValue(random, pick)}`,
      ).join('&');
      return http('GET', `${routePath(route.pathParams.length > 0 && random() < 0.5)}?${query}`);
    }
    case 'page': {
      const path = fillPath(page, random, pick, true);
      return http(
        'GET',
        random() < 0.5 ? path : `${path}?q=${hostileValue(random, pick)}`,
        {},
        undefined,
        false,
      );
    }
    case 'traversal':
      return http('GET', pick(TRAVERSALS), {}, undefined, false);
    case 'long-url':
      return http(
        'GET',
        `${routePath(false)}?${pick(route.query.length ? route.query : ['x'])}=${'9'.repeat(100_000)}`,
      );
    case 'long-header':
      return http('GET', routePath(false), { 'x-long': 'a'.repeat(64 * 1024) });
    case 'many-headers': {
      const headers: Record<string, string> = {};
      for (let h = 0; h < 3000; h++) headers[`x-h${h}`] = String(h);
      return http('GET', routePath(false), headers);
    }
    case 'wrong-method':
      return http(pick(WRONG_METHODS), routePath(random() < 0.3));
    case 'bad-body': {
      const body =
        random() < 0.5 ? '{"limit": 1e400, "id": {"$gt": ""}' : Buffer.alloc(70_000, 0xff);
      return http(
        pick(['POST', 'PUT', 'PATCH']),
        routePath(false),
        { 'content-type': pick(CONTENT_TYPES) },
        body,
      );
    }
    case 'bad-header': {
      const [name, value] = pick(HEADER_ATTACKS);
      return http('GET', routePath(false), { [name]: value });
    }
    default:
      return { kind: 'raw', cls: 'raw', chunks: rawGarbage(basePath, random, pick) };
  }
}

function rawGarbage(base: string, random: () => number, pick: <T>(l: readonly T[]) => T): Buffer[] {
  const bytes = (n: number) =>
    Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const text = (s: string) => Buffer.from(s, 'latin1');
  const variants: (() => Buffer[])[] = [
    () => [bytes(1 + Math.floor(random() * 4096))],
    () => [text('GARBAGE\r\n\r\n')],
    () => [text(`GET ${base}/health HTTP/9.9\r\nHost: x\r\n\r\n`)],
    () => [text(`GET ${base}/health\r\n`)], // HTTP/0.9
    () => [text(`GET ${base}/api/nodes HTTP/1.1\r\n\r\n`)], // no Host
    () => [text(`GET ${base}/health HTTP/1.1\r\nHost: x\r\nX: a\nb\r\n\r\n`)], // bare LF
    () => [text(`GET ${base}/health HTTP/1.1\r\nHost: x\r\n folded: header\r\n\r\n`)],
    () => [text(`GET ${base}/health HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n`)],
    () => [
      text(
        `GET ${base}/health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello`,
      ),
    ],
    () => [
      text(
        `POST ${base}/api/nodes HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET ${base}/.env HTTP/1.1\r\nHost: x\r\n\r\n`,
      ),
    ],
    () => [
      text(
        `POST ${base}/api/nodes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n`,
      ),
    ],
    () => [
      text(`POST ${base}/api/nodes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`),
      ...Array.from({ length: 32 }, () => text(`10000\r\n${'z'.repeat(0x10000)}\r\n`)),
    ], // 2 MB chunked
    () => [text(`GET ${base}/api/nodes HTT`)], // half a request line
    () => [text(`GET ${base}/api/nodes HTTP/1.1\r\nHost: x\r\nAccept: `)], // half a header
    () => [text(`GET ${base}/health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`)],
    () => [
      text(
        `GET ${base}/health HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n`,
      ),
    ],
    () => [text('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')],
    () => [Buffer.from('160301020001000100fc0303', 'hex'), bytes(256)], // a TLS ClientHello's start
    () => [text(`CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n`)],
    () => [text(`GET ${'/'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)],
    () => [text(`\r\n\r\n\r\n${base}/health HTTP/1.1\r\n\r\n`)],
    () => [text(`get ${base}/health http/1.1\r\nhost: x\r\n\r\n`)],
    () =>
      Array.from({ length: 20 }, (_, k) =>
        text(k === 10 ? 'BROKEN LINE\r\n\r\n' : `GET ${base}/health HTTP/1.1\r\nHost: x\r\n\r\n`),
      ), // pipelined, one broken in the middle
  ];
  return pick(variants)();
}
