import { basePathType } from '../field-types/base-path-type.js';
import { integerType } from '../field-types/integer-type.js';
import { optionalType } from '../field-types/optional-type.js';
import { stringType } from '../field-types/string-type.js';
import { trustProxyType } from '../field-types/trust-proxy-type.js';
import type { SectionSpec } from '../section-spec.js';

/** `[server]`: where and how the reader serves HTTP. */
export interface ServerConfig {
  /**
   * The address to listen on, as written; `*` means all interfaces (MeshView's sample). Pass it
   * through `listenHost()` to get a host for `listen()`.
   */
  readonly bind: string;
  /** The HTTP port; 0 picks a free one. */
  readonly port: number;
  /**
   * A PEM file with the certificate chain (and the key, unless `tlsKey` is set), as MeshView's
   * `load_cert_chain`; `null` serves plain HTTP.
   */
  readonly tlsCert: string | null;
  /** A PEM file with the private key, when it is not in `tlsCert` (our addition). */
  readonly tlsKey: string | null;
  /** Unused, as in MeshView; accepted so that MeshView configs load unchanged. */
  readonly acmeChallenge: string | null;
  /** Fastify's `trustProxy`: `true`, `false`, or the addresses/CIDR ranges of trusted proxies. */
  readonly trustProxy: boolean | readonly string[];
  /** A path prefix such as `/meshview` when served under a sub-path; `''` for the root. */
  readonly basePath: string;
  /**
   * How often, in ms, the event stream (`/api/stream/packets`) reads new packets: one query per
   * reader process however many clients listen (our addition). On PostgreSQL the writer's
   * `NOTIFY` wakes it at once; the poll stays as the fallback.
   */
  readonly streamPollMs: number;
  /**
   * An event-stream client whose unsent bytes pass this many is dropped, so a slow client
   * never makes the reader buffer without bound (our addition).
   */
  readonly streamMaxBufferedBytes: number;
}

/** The schema of {@link ServerConfig}. */
export const serverSection: SectionSpec<ServerConfig> = {
  bind: { key: 'bind', type: stringType({ acceptsEmpty: false }), default: '127.0.0.1' },
  port: { key: 'port', type: integerType({ min: 0, max: 65_535 }), default: 8081 },
  tlsCert: {
    key: 'tls_cert',
    type: optionalType(stringType({ acceptsEmpty: false })),
    default: null,
  },
  tlsKey: {
    key: 'tls_key',
    type: optionalType(stringType({ acceptsEmpty: false })),
    default: null,
  },
  acmeChallenge: {
    key: 'acme_challenge',
    type: optionalType(stringType({ acceptsEmpty: false })),
    default: null,
  },
  trustProxy: { key: 'trust_proxy', type: trustProxyType(), default: false },
  basePath: { key: 'base_path', type: basePathType(), default: '' },
  streamPollMs: {
    key: 'stream_poll_ms',
    type: integerType({ min: 10, max: 86_400_000 }),
    default: 1000,
  },
  streamMaxBufferedBytes: {
    key: 'stream_max_buffered_bytes',
    type: integerType({ min: 1024, max: 1_073_741_824 }),
    default: 1_048_576,
  },
};
