/**
 * What one MQTT message becomes after topic parsing, envelope decoding, decryption and payload
 * decoding: plain data for the storage layer, with rows named and shaped like the tables'
 * columns (MeshView's schema), so the hot path inserts them as they are.
 */
export type EnvelopeResult =
  /** Not a readable Meshtastic envelope: counted as malformed, nothing stored. */
  | { readonly kind: 'malformed'; readonly reason: string }
  /** Deliberately not stored (JSON topic, skipped node, …): counted as skipped. */
  | { readonly kind: 'skipped'; readonly reason: SkipReason }
  | { readonly kind: 'packet'; readonly record: PacketRecord };

/** Why a well-formed message is not stored. */
export type SkipReason =
  /** A `<root>/2/json/…` topic: the firmware's optional JSON copy of a packet. */
  | 'json-topic'
  /** Neither `/2/e/`, `/2/c/`, `/2/map/` nor `/2/json/` (e.g. the old `/2/stat/`). */
  | 'other-topic'
  /** A ServiceEnvelope without a MeshPacket (or an empty message). */
  | 'no-packet'
  /** MeshPacket.id 0, which MeshView does not store either. */
  | 'zero-packet-id'
  /** The sender is in `[mqtt] skip_node_ids`. */
  | 'skipped-node';

/**
 * How the packet's content was obtained: sent in the clear (`plain`, as map reports are),
 * decrypted with a channel key, or not readable: PKI (a direct message encrypted to a node's
 * public key) or no key fits. Unreadable packets are stored with portnum 0 and their ciphertext.
 */
export type Decryption = 'plain' | 'decrypted' | 'pki' | 'undecryptable';

/** Everything one envelope writes. */
export interface PacketRecord {
  readonly decryption: Decryption;
  /** Index in the key ring of the key that decrypted it (0 = the default key), when decrypted. */
  readonly keyIndex: number | null;
  /** `packet`: one row per packet id (the first report wins). */
  readonly packet: PacketRow;
  /** `packet_seen`: this gateway's reception; null when the envelope names no gateway. */
  readonly seen: PacketSeenRow | null;
  /** The gateway's node number (from `gateway_id` "!xxxxxxxx"), when there is one. */
  readonly gatewayNodeId: number | null;
  /** `node` upserts from NODEINFO, MAP_REPORT and POSITION (and nothing else). */
  readonly nodes: readonly NodeUpsert[];
  /** `node_public_key`, from a NODEINFO that carries a public key. */
  readonly publicKey: PublicKeyRow | null;
  /** `traceroute`: one row per gateway report of a TRACEROUTE packet. */
  readonly traceroute: TracerouteRow | null;
  /** The decoded payload as structured data; null for PKI and undecryptable packets (an unknown port gives `value: null`). */
  readonly decoded: DecodedPayload | null;
}

/** A `packet` row. `payload` is the serialized MeshPacket with `decoded` filled in. */
export interface PacketRow {
  readonly id: number;
  readonly portnum: number;
  readonly from_node_id: number;
  readonly to_node_id: number;
  readonly payload: Uint8Array;
  readonly import_time_us: number;
  readonly channel: string;
}

/** A `packet_seen` row: one gateway's reception of a packet. */
export interface PacketSeenRow {
  readonly packet_id: number;
  readonly node_id: number;
  readonly rx_time: number;
  readonly hop_limit: number | null;
  readonly hop_start: number | null;
  readonly channel: string;
  readonly rx_snr: number | null;
  readonly rx_rssi: number | null;
  readonly topic: string;
  readonly import_time_us: number;
}

/**
 * A `node` upsert keyed by `id` ("!xxxxxxxx") and `node_id`. Fields left undefined keep their
 * stored value; `seen_us` sets `last_seen_us` (and `first_seen_us` when it is null).
 */
export interface NodeUpsert {
  readonly id: string;
  readonly node_id: number;
  readonly long_name?: string;
  readonly short_name?: string;
  /** Enum name as MeshView stores it (`RAK4631`), `unknown(N)` for values the library lacks. */
  readonly hw_model?: string;
  readonly firmware?: string;
  /** Enum name (`CLIENT_MUTE`), `unknown(N)` likewise. */
  readonly role?: string;
  /** Degrees × 1e7. */
  readonly last_lat?: number;
  readonly last_long?: number;
  /**
   * Top bits of `last_lat`/`last_long` the sender kept, 1–32 (32: full precision); set whenever
   * the coordinates are.
   */
  readonly precision_bits?: number;
  readonly channel?: string;
  readonly seen_us: number;
}

/** A `node_public_key` sighting: hex of `User.public_key`. */
export interface PublicKeyRow {
  readonly node_id: number;
  readonly public_key: string;
  readonly seen_us: number;
}

/** A `traceroute` row: `route` is the raw RouteDiscovery bytes (Data.payload). */
export interface TracerouteRow {
  readonly packet_id: number;
  readonly gateway_node_id: number | null;
  /** `!want_response`: true for replies. */
  readonly done: boolean;
  readonly route: Uint8Array;
  readonly import_time_us: number;
}

/** A decoded payload: the port, and the message as plain JSON-able data. */
export interface DecodedPayload {
  readonly portnum: number;
  /** The PortNum name (`TEXT_MESSAGE_APP`), or `unknown(N)`. */
  readonly port: string;
  /** Text for TEXT_MESSAGE_APP; protobuf JSON (camelCase) for the others; null when not decoded. */
  readonly value: unknown;
  readonly replyId?: number;
  readonly requestId?: number;
  readonly wantResponse?: boolean;
}
