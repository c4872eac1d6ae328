import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { boundedMemo } from './bounded-memo.js';
import { copyBytes } from './byte-slab.js';
import { decodeEnvelope, type DecodedEnvelope } from './decode-envelope.js';
import type { EnvelopeResult, PacketSeenRow, SkipReason } from './envelope-result.js';
import type { KeyRing } from './key-ring.js';
import { parseNodeId } from './node-id.js';
import { openPacket, type OpenedPacket } from './open-packet.js';
import { parseTopic } from './parse-topic.js';
import { dispatchPayload } from './payloads/dispatch-payload.js';
import { Mesh } from './protobufs.js';
import { fitToColumns } from './fit-to-columns.js';
import { replaceField } from './wire-fields.js';

/** Field number of MeshPacket.decoded. */
const PACKET_DECODED = 4;

/** What {@link interpretEnvelope} needs besides the message: built once at start. */
export interface InterpretContext {
  readonly keyRing: KeyRing;
  /** Senders whose packets are dropped (`[mqtt] skip_node_ids`). */
  readonly skipNodeIds: ReadonlySet<number>;
  /** The ingest time, microseconds since the epoch: every row's `import_time_us` / `seen_us`. */
  readonly nowUs: number;
}

const skipped = (reason: SkipReason): EnvelopeResult => Object.freeze({ kind: 'skipped', reason });
const JSON_TOPIC = skipped('json-topic');
const OTHER_TOPIC = skipped('other-topic');
const NO_PACKET = skipped('no-packet');
const ZERO_PACKET_ID = skipped('zero-packet-id');
const SKIPPED_NODE = skipped('skipped-node');

// Every message of a gateway has the same topic and gateway id: parsed once each.
const MAX_KEPT = 4096;
const parseTopicKept = boundedMemo(parseTopic, MAX_KEPT);
const parseNodeIdKept = boundedMemo(parseNodeId, MAX_KEPT);

/**
 * Turns one MQTT message into the rows it writes (see `EnvelopeResult`), with MeshView's
 * storage semantics (meshview.md §4.3) and its bugs fixed: an envelope without a valid gateway
 * id keeps its `packet` row (only `packet_seen` needs the gateway); packets no key opens are
 * kept with portnum 0 and their ciphertext, labelled `pki` or `undecryptable`; keys are chosen
 * by channel hash. Pure and total: never throws, whatever the bytes.
 *
 * @example
 * const keyRing = createKeyRing(config.mqtt.secondaryKeys);
 * interpretEnvelope(topic, payload, { keyRing, skipNodeIds: new Set(), nowUs: Date.now() * 1000 });
 */
export function interpretEnvelope(
  topic: string,
  payload: Uint8Array,
  ctx: InterpretContext,
): EnvelopeResult {
  try {
    return interpret(topic, payload, ctx);
  } catch (error) {
    // Every step of `interpret` handles bad input itself; this only keeps a bug of ours from
    // stopping ingestion, and names it.
    return { kind: 'malformed', reason: `could not interpret: ${String(error)}` };
  }
}

/**
 * The `packet.payload` MeshView stores: the serialized MeshPacket with `decoded` filled in for a
 * decrypted packet, as received for the others. Built from the received bytes (the `encrypted`
 * field swapped for a `decoded` field holding the plaintext, which is the serialized Data, in
 * the same place) rather than by encoding the packet again: the same bytes, at a fraction of
 * the cost on the ingest hot path.
 */
function storedPayload(envelope: DecodedEnvelope, opened: OpenedPacket): Uint8Array {
  const { packetBytes, encryptedSpan } = envelope;
  if (packetBytes !== undefined) {
    if (opened.plaintext === null) return copyBytes(packetBytes);
    if (encryptedSpan !== undefined) {
      return replaceField(packetBytes, encryptedSpan, PACKET_DECODED, opened.plaintext);
    }
  }
  // Bytes laid out in a way the splice does not handle (a repeated field), which only
  // protobuf-es decodes (see decodeEnvelope): encode anew.
  const copy = { ...envelope.message! };
  if (opened.decryption === 'decrypted') {
    copy.payloadVariant = { case: 'decoded', value: fromBinary(Mesh.DataSchema, opened.plaintext) };
  }
  return toBinary(Mesh.MeshPacketSchema, copy);
}

function interpret(topic: string, payload: Uint8Array, ctx: InterpretContext): EnvelopeResult {
  const parsedTopic = parseTopicKept(topic);
  if (parsedTopic.kind === 'json') return JSON_TOPIC;
  if (parsedTopic.kind === 'other') return OTHER_TOPIC;

  const decoding = decodeEnvelope(payload);
  if (!decoding.ok) return { kind: 'malformed', reason: decoding.reason };
  const { envelope } = decoding;
  const { packet, channelId, gatewayId } = envelope;
  if (packet === undefined) return NO_PACKET;
  if (packet.payloadVariant.case === undefined) {
    return { kind: 'malformed', reason: 'MeshPacket carries neither decoded nor encrypted' };
  }
  if (ctx.skipNodeIds.has(packet.from)) return SKIPPED_NODE;
  if (packet.id === 0) return ZERO_PACKET_ID;

  const channelNames =
    parsedTopic.kind === 'envelope' && parsedTopic.channel !== channelId
      ? [parsedTopic.channel, channelId]
      : [channelId];
  const opened = openPacket(packet, { keyRing: ctx.keyRing, channelNames });
  const gatewayNodeId = parseNodeIdKept(gatewayId);
  const { nowUs } = ctx;
  const { decoded, rows } =
    opened.data === null
      ? { decoded: null, rows: {} }
      : dispatchPayload(opened.data, {
          packetId: packet.id,
          from: packet.from,
          channel: channelId,
          gatewayNodeId,
          nowUs,
        });
  const seen: PacketSeenRow | null =
    gatewayNodeId === null
      ? null
      : {
          packet_id: packet.id,
          node_id: gatewayNodeId,
          rx_time: packet.rxTime,
          hop_limit: packet.hopLimit,
          hop_start: packet.hopStart,
          channel: channelId,
          rx_snr: packet.rxSnr,
          rx_rssi: packet.rxRssi,
          topic,
          import_time_us: nowUs,
        };
  return {
    kind: 'packet',
    record: fitToColumns({
      decryption: opened.decryption,
      keyIndex: opened.keyIndex,
      packet: {
        id: packet.id,
        portnum: opened.data?.portnum ?? 0,
        from_node_id: packet.from,
        to_node_id: packet.to,
        payload: storedPayload(envelope, opened),
        import_time_us: nowUs,
        channel: channelId,
      },
      seen,
      gatewayNodeId,
      nodes: rows.nodes ?? [],
      publicKey: rows.publicKey ?? null,
      traceroute: rows.traceroute ?? null,
      decoded,
    }),
  };
}
