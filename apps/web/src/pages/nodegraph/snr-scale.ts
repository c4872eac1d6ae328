/**
 * Link quality as colour: bands of SNR (dB) as LoRa hears them. Above 5 dB a link is strong;
 * near 0 dB it still decodes; LongFast decodes down to about -15 dB, so below -10 dB it is at
 * its edge. The colours read on the light and the dark background alike.
 */
export const SNR_BANDS = [
  { key: 'strong', min: 5, color: '#16a34a' },
  { key: 'good', min: 0, color: '#84a30d' },
  { key: 'fair', min: -5, color: '#d97706' },
  { key: 'weak', min: -10, color: '#dc2626' },
  { key: 'edge', min: -Infinity, color: '#a21caf' },
] as const;

/** The colour of a link whose SNR no report gave. */
export const UNKNOWN_SNR_COLOR = '#8b95a1';

/** The band an SNR falls in, `undefined` when unknown. */
export function snrBand(snr: number | null): (typeof SNR_BANDS)[number] | undefined {
  if (snr === null || Number.isNaN(snr)) return undefined;
  return SNR_BANDS.find((band) => snr >= band.min);
}

/**
 * The colour of a link of this SNR.
 *
 * @example
 * snrColor(7.5); // '#16a34a'
 * snrColor(null); // '#8b95a1'
 */
export function snrColor(snr: number | null): string {
  return snrBand(snr)?.color ?? UNKNOWN_SNR_COLOR;
}

/** The index of the colour (`SNR_BANDS.length` for unknown): the canvas strokes by bucket. */
export function snrBucket(snr: number | null): number {
  const band = snrBand(snr);
  return band === undefined ? SNR_BANDS.length : SNR_BANDS.indexOf(band);
}
