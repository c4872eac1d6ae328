import type { LatLon } from './geo.js';
import type { KeyKind, Mobility } from './mesh-record.js';
import type { Track } from './track.js';

/** How a node is powered, which shapes its battery telemetry. */
export type Power = 'mains' | 'solar' | 'battery';

/** A node as the simulation plans it: who it is, where it goes, what it sends. */
export interface PlannedNode {
  readonly index: number;
  readonly num: number;
  readonly id: string;
  readonly longName: string;
  readonly shortName: string;
  readonly hwModel: string;
  readonly role: string;
  readonly keyKind: KeyKind;
  readonly channel: string;
  /** The channels it uplinks to MQTT; empty when it is no gateway. */
  readonly gatewayChannels: readonly string[];
  readonly mobility: Mobility;
  readonly track: Track;
  readonly altitude: number;
  /** On a hilltop: its links reach further. */
  readonly high: boolean;
  /** Whether it rebroadcasts others' packets (CLIENT_MUTE and CLIENT_HIDDEN do not). */
  readonly relays: boolean;
  readonly hopLimit: number;
  readonly precisionBits: number;
  readonly power: Power;
  readonly hasEnvironment: boolean;
  readonly sendsNeighborInfo: boolean;
  /** Whether its owner writes messages and runs traceroutes. */
  readonly chatty: boolean;
  readonly publicKey: Uint8Array;
  /** Another device announcing this node's number with another key, and where it stands. */
  readonly impostor: { readonly publicKey: Uint8Array; readonly at: LatLon } | null;
}
