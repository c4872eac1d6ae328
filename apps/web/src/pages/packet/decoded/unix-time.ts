import { formatTimeUs } from '../../../lib/format.js';

/** A protobuf time in seconds since 1970 as local date and time; 0 and missing give `undefined`. */
export function formatUnixSeconds(seconds: number | undefined, lang: string): string | undefined {
  return seconds ? formatTimeUs(seconds * 1e6, lang) : undefined;
}
