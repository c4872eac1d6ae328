import type { LatLon } from './geo.js';
import { MIN_SNR, snrOf } from './radio.js';
import type { RadioModel } from './radio-model.js';
import { positionAt } from './track.js';

const M_PER_DEGREE = 111_195;

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

  constructor(model: RadioModel, timeUs: number, senderAt?: { index: number; at: LatLon }) {
    this.model = model;
    this.#at = model.nodes.map((node) => positionAt(node.track, timeUs));
    if (senderAt) this.#at[senderAt.index] = senderAt.at;
    const cos = Math.cos((37.7 * Math.PI) / 180);
    this.#x = this.#at.map((p) => p.lon * cos * M_PER_DEGREE);
    this.#y = this.#at.map((p) => p.lat * M_PER_DEGREE);
  }

  get nodes(): RadioModel['nodes'] {
    return this.model.nodes;
  }

  /** Where node `i` is. */
  at(i: number): LatLon {
    return this.#at[i]!;
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
