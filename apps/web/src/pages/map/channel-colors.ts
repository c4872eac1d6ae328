/**
 * The map's 18 channel colours (as many as MeshView's palette), saturated enough to read on
 * light tiles, on the dark theme's dimmed tiles and on the plain background alike.
 */
export const CHANNEL_PALETTE = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#ea580c',
  '#9333ea',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#ca8a04',
  '#4f46e5',
  '#0d9488',
  '#be123c',
  '#7c3aed',
  '#a16207',
  '#0369a1',
  '#15803d',
  '#c026d3',
  '#57534e',
] as const;

/** The colour of nodes whose channel is not known. */
export const UNKNOWN_CHANNEL_COLOR = '#6b7280';

/**
 * A colour per channel: the channels in name order take the palette's colours in turn (the
 * 19th starts again), so the same mesh always gets the same colours and no two of its first 18
 * channels share one. `''` is the unknown channel.
 *
 * @example
 * const colors = channelColors(['LongFast', 'Hikers']);
 * colors.get('Hikers'); // '#2563eb'
 */
export function channelColors(channels: Iterable<string>): ReadonlyMap<string, string> {
  const names = [...new Set(channels)].filter((name) => name !== '').sort(compareNames);
  const colors = new Map<string, string>([['', UNKNOWN_CHANNEL_COLOR]]);
  names.forEach((name, i) => colors.set(name, CHANNEL_PALETTE[i % CHANNEL_PALETTE.length]!));
  return colors;
}

/** Code-point order: the same on every visitor's browser, whatever their language. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
