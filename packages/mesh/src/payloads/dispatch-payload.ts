import type { DecodedPayload } from '../envelope-result.js';
import { portName } from '../enum-names.js';
import type { PayloadContext, PayloadRows } from './payload-decoder.js';
import { PAYLOAD_DECODERS } from './payload-decoders.js';

// Firmware 2.5+ also carries want_response in Data.bitfield bit 1 (Router.h), and ORs it back in
// after decrypting (Router::perhapsDecode).
const BITFIELD_WANT_RESPONSE = 0b10;

/** The fields of a `Data` the dispatcher reads; a decoded `Mesh.Data` is one. */
export interface DataFields {
  readonly portnum: number;
  readonly payload: Uint8Array;
  readonly wantResponse?: boolean;
  readonly bitfield?: number | undefined;
  readonly requestId?: number;
  readonly replyId?: number;
}

/** The packet around a payload, for the rows it implies (see `PayloadContext`). */
export type PacketContext = Omit<PayloadContext, 'wantResponse' | 'payload'>;

const NO_ROWS: PayloadRows = Object.freeze({});

/**
 * Decodes a `Data` with its port's decoder: the value, plus (when `packet` is given) the rows it
 * implies. Never throws: a payload that does not parse, or a port without a decoder, gives
 * `value: null` and no rows.
 */
export function dispatchPayload(
  data: DataFields,
  packet: PacketContext | null,
): { readonly decoded: DecodedPayload; readonly rows: PayloadRows } {
  const wantResponse =
    data.wantResponse === true || ((data.bitfield ?? 0) & BITFIELD_WANT_RESPONSE) !== 0;
  const decoder = PAYLOAD_DECODERS.get(data.portnum);
  let rows = NO_ROWS;
  // The value is for display (logs, tests, the API later), not for storage: it is worked out
  // on first use, so the ingest hot path parses a payload only when it implies rows.
  let valueOf: () => unknown = () => null;
  if (decoder !== undefined) {
    try {
      if (packet !== null && decoder.rows !== undefined) {
        const message = decoder.parse(data.payload);
        // Spelled out: a spread here was the costliest line of the hot path.
        rows = decoder.rows(message, {
          packetId: packet.packetId,
          from: packet.from,
          channel: packet.channel,
          gatewayNodeId: packet.gatewayNodeId,
          nowUs: packet.nowUs,
          wantResponse,
          payload: data.payload,
        });
        valueOf = () => decoder.toValue(message, data.payload);
      } else {
        valueOf = () => decoder.toValue(decoder.parse(data.payload), data.payload);
      }
    } catch {
      // Not this port's message (a wrong key that happened to parse, a buggy sender): the packet
      // is still stored with its payload; there is just nothing to show or derive.
      rows = NO_ROWS;
      valueOf = () => null;
    }
  }
  return { decoded: decodedPayload(data, wantResponse, valueOf), rows };
}

/** Written without spreads: this runs for every packet, and spreads into it showed in profiles. */
function decodedPayload(
  data: DataFields,
  wantResponse: boolean,
  valueOf: () => unknown,
): DecodedPayload {
  let cached: { value: unknown } | undefined;
  const decoded: Mutable<DecodedPayload> = {
    portnum: data.portnum,
    port: portName(data.portnum),
    get value(): unknown {
      if (cached === undefined) {
        try {
          cached = { value: valueOf() };
        } catch {
          cached = { value: null };
        }
      }
      return cached.value;
    },
  };
  if (data.replyId) decoded.replyId = data.replyId;
  if (data.requestId) decoded.requestId = data.requestId;
  if (wantResponse) decoded.wantResponse = wantResponse;
  return decoded;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
