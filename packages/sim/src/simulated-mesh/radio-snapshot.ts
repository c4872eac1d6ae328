import { projectM, type LatLon } from './geo.js';
import { MIN_SNR, snrOf } from './radio.js';
import type { RadioModel } from './radio-model.js';
import { positionAt } from './track.js';

/**
 * The mesh's radio links at one moment: every node where its track puts it (the sender where
 * `senderAt` says, for an impostor), and each link's RSSI and SNR from the distance between them
 * (flat-earth: the mesh spans a hundred kilometres).
 */
export class RadioSnapshot {
  readonly model: RadioModel;
  readonly #at: LatLon[];
  readonly #x: number[];
  readonly #y: number[];
  /** The node that is not where its track says (an impostor's sender), or −1. */
  readonly #moved: number;

  constructor(model: RadioModel, timeUs: number, senderAt?: { index: number; at: LatLon }) {
    this.model = model;
    this.#at = model.nodes.map((node) => positionAt(node.track, timeUs));
    if (senderAt) this.#at[senderAt.index] = senderAt.at;
    const plane = this.#at.map(projectM);
    this.#x = plane.map((p) => p.x);
    this.#y = plane.map((p) => p.y);
    this.#moved = senderAt?.index ?? -1;
  }

  get nodes(): RadioModel['nodes'] {
    return this.model.nodes;
  }

  /** Where node `i` is. */
  at(i: number): LatLon {
    return this.#at[i]!;
  }

  /** The nodes that may hear `from` at all (all of them for a sender put elsewhere). */
  reach(from: number): readonly number[] {
    return from === this.#moved ? this.model.everyone : this.model.reach(from);
  }

  /** The RSSI (dBm) at `to` of what `from` sends. */
  rssi(from: number, to: number): number {
    const dx = this.#x[from]! - this.#x[to]!;
    const dy = this.#y[from]! - this.#y[to]!;
    return this.model.rssi(from, to, dx * dx + dy * dy);
  }

  /** The SNR (dB) at `to` of what `from` sends. */
  snr(from: number, to: number): number {
    return snrOf(this.rssi(from, to));
  }

  /** Whether `to` decodes what `from` sends. */
  hears(from: number, to: number): boolean {
    return from !== to && this.snr(from, to) >= MIN_SNR;
  }
}
