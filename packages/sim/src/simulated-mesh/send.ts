import type { LatLon } from './geo.js';
import type { SimContent } from './mesh-record.js';

/** One packet to send: who, when, to whom, what, and which earlier packet it answers. */
export interface Send {
  readonly timeUs: number;
  /** The sender's index in the plan. */
  readonly node: number;
  readonly to: number;
  readonly content: SimContent;
  readonly wantResponse: boolean;
  /** The packet (by its send time, which gives its id) that this one replies to or answers. */
  readonly answers: { readonly timeUs: number; readonly field: 'replyId' | 'requestId' } | null;
  /** Where it is sent from when not where the sender's track is (an impostor's device). */
  readonly at?: LatLon;
}
