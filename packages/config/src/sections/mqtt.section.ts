import { booleanType } from '../field-types/boolean-type.js';
import { commaListType } from '../field-types/comma-list-type.js';
import { enumType } from '../field-types/enum-type.js';
import { floatType } from '../field-types/float-type.js';
import { integerType } from '../field-types/integer-type.js';
import { jsonStringArrayType } from '../field-types/json-string-array-type.js';
import { mqttServerType } from '../field-types/mqtt-server-type.js';
import { nodeNumberType } from '../field-types/node-number-type.js';
import { optionalType } from '../field-types/optional-type.js';
import { stringType } from '../field-types/string-type.js';
import type { SectionSpec } from '../section-spec.js';

/** `[mqtt]`: the broker the writer ingests from. */
export interface MqttConfig {
  /**
   * `embedded` (an in-process broker on `port`, our default), a host name as in MeshView, or a
   * URL (`mqtt://`, `mqtts://`, `ws://`, `wss://`).
   */
  readonly server: string;
  /** Topic filters to subscribe to; written in the file as a JSON array. */
  readonly topics: readonly string[];
  readonly port: number;
  /**
   * Where the embedded broker listens (our addition): an address or host name; `*`, as in
   * `[server] bind`, means all interfaces, so that gateways on the network can reach it.
   */
  readonly bind: string;
  /**
   * Lets the embedded broker's TCP clients subscribe without credentials (our addition). Off,
   * no TCP client may subscribe unless `username`/`password` are set and given, so that nobody
   * who reaches the port can read every gateway's traffic.
   */
  readonly allowAnonymousSubscribe: boolean;
  /** `null` when empty, as MeshView passes `None`. */
  readonly username: string | null;
  readonly password: string | null;
  /** Node numbers whose packets are dropped. */
  readonly skipNodeIds: readonly number[];
  /** Extra base64 AES keys tried after the default LongFast key, quotes and blanks stripped. */
  readonly secondaryKeys: readonly string[];
  /** The MQTT client id; `null` lets the writer pick one per process, as MeshView does. */
  readonly clientId: string | null;
  readonly qos: 0 | 1;
  readonly cleanSession: boolean;
  /** Keepalive in seconds; 0 turns it off. */
  readonly keepalive: number;
  /** A PEM CA bundle to verify the broker with, for TLS. */
  readonly caFile: string | null;
  /** Connect with TLS (also implied by an `mqtts://` server URL). */
  readonly tls: boolean;
  /**
   * Messages one node may send per `rateLimitWindowS` before the rest are dropped and counted
   * (our addition; single nodes have flooded public brokers); 0 turns the limit off.
   */
  readonly rateLimitPerNode: number;
  readonly rateLimitWindowS: number;
}

/** The schema of {@link MqttConfig}. */
export const mqttSection: SectionSpec<MqttConfig> = {
  server: { key: 'server', type: mqttServerType(), default: 'embedded' },
  topics: { key: 'topics', type: jsonStringArrayType(), default: Object.freeze(['msh/#']) },
  port: { key: 'port', type: integerType({ min: 0, max: 65_535 }), default: 1883 },
  bind: { key: 'bind', type: stringType({ acceptsEmpty: false }), default: '*' },
  allowAnonymousSubscribe: {
    key: 'allow_anonymous_subscribe',
    type: booleanType(),
    default: false,
  },
  username: {
    key: 'username',
    type: optionalType(stringType({ acceptsEmpty: false })),
    default: null,
  },
  password: {
    key: 'password',
    type: optionalType(stringType({ acceptsEmpty: false })),
    default: null,
  },
  skipNodeIds: {
    key: 'skip_node_ids',
    type: commaListType(nodeNumberType(), 'node numbers'),
    default: Object.freeze([]),
  },
  secondaryKeys: {
    key: 'secondary_keys',
    type: commaListType(stringType({ acceptsEmpty: false }), 'base64 keys'),
    default: Object.freeze([]),
  },
  clientId: {
    key: 'client_id',
    type: optionalType(stringType({ acceptsEmpty: false })),
    default: null,
  },
  qos: {
    key: 'qos',
    type: enumType<0 | 1>(
      new Map([
        ['0', 0],
        ['1', 1],
      ]),
    ),
    default: 0,
  },
  cleanSession: { key: 'clean_session', type: booleanType(), default: true },
  keepalive: { key: 'keepalive', type: integerType({ min: 0, max: 65_535 }), default: 60 },
  caFile: {
    key: 'ca_file',
    type: optionalType(stringType({ acceptsEmpty: false })),
    default: null,
  },
  tls: { key: 'tls', type: booleanType(), default: false },
  rateLimitPerNode: { key: 'rate_limit_per_node', type: integerType({ min: 0 }), default: 0 },
  rateLimitWindowS: { key: 'rate_limit_window_s', type: floatType({ above: 0 }), default: 60 },
};
