import { hashUnit } from './hash-unit.js';

/** The receiver's noise floor at LongFast's 250 kHz (dBm): SNR = RSSI − this. */
const NOISE_DBM = -114;
/** The weakest SNR the simulated radios decode (LongFast's limit is about −17.5 dB). */
export const MIN_SNR = -15;

/** SNR of a signal of `rssi` dBm: above the noise floor, saturating near +12 dB as radios do. */
export function snrOf(rssi: number): number {
  const snr = rssi - NOISE_DBM;
  return snr > 8 ? 8 + 4 * (1 - Math.exp(-(snr - 8) / 6)) : snr;
}

/** The shadowing of the link between nodes `a` and `b` (the same both ways), ±3 dB. */
export function linkFade(seed: number, a: number, b: number): number {
  return (hashUnit(seed, 0x7ade, Math.min(a, b), Math.max(a, b)) - 0.5) * 6;
}

/**
 * A SNR as a radio reports it: quarter dB. Never -0 (`Math.round(-0.1)` is -0), which no radio
 * sends and JSON cannot carry: a record holding it would not equal what the API answers.
 */
export function quarterDb(snr: number): number {
  return Math.round(snr * 4) / 4 + 0;
}
