import type { DescMessage } from '@bufbuild/protobuf';
import type { NodeUpsert, PublicKeyRow, TracerouteRow } from '../envelope-result.js';

/** What a port's rows need to know about the packet around its payload. */
export interface PayloadContext {
  readonly packetId: number;
  readonly from: number;
  /** The envelope's `channel_id`. */
  readonly channel: string;
  readonly gatewayNodeId: number | null;
  readonly nowUs: number;
  /** `Data.want_response`, or its copy in `Data.bitfield` (bit 1) as firmware 2.5+ sends it. */
  readonly wantResponse: boolean;
  /** The raw `Data.payload`. */
  readonly payload: Uint8Array;
}

/** The rows a payload adds to its envelope's record beyond `packet` and `packet_seen`. */
export interface PayloadRows {
  readonly nodes?: readonly NodeUpsert[];
  readonly publicKey?: PublicKeyRow;
  readonly traceroute?: TracerouteRow;
}

/**
 * One port's decoder, a file each in `payloads/`: `parse` throws when the payload is not the
 * port's message (the dispatcher turns that into `value: null`), `toValue` gives the plain data
 * of `DecodedPayload.value`, and `rows` the storage rows the message implies.
 */
export interface PayloadDecoder<T> {
  readonly portnum: number;
  /** The protobuf message the port carries; none for a port that is not protobuf (text). */
  readonly schema?: DescMessage;
  parse(payload: Uint8Array): T;
  /** Also given the payload, for a decoder whose `parse` reads only what its rows need. */
  toValue(message: T, payload: Uint8Array): unknown;
  rows?(message: T, context: PayloadContext): PayloadRows;
}
