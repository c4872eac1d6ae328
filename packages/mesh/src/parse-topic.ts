/**
 * What an MQTT topic says, read from the right so the root may have any number of levels
 * (`msh`, `msh/US`, `msh/US/CA/SacValley` …):
 * - `envelope`: `<root>/2/e/<channel>/<gateway>`, or `/2/c/` as firmware before 2.3 wrote it;
 *   `channel` is `PKI` for direct messages encrypted to a node's public key;
 * - `map`: `<root>/2/map/` (map reports; also accepted without the trailing slash);
 * - `json`: anything under `<root>/2/json/` (the firmware's optional JSON copies);
 * - `other`: everything else, such as the old `/2/stat/` status topic.
 */
export type ParsedTopic =
  | {
      readonly kind: 'envelope';
      readonly root: string;
      readonly format: 'e' | 'c';
      readonly channel: string;
      readonly gateway: string;
    }
  | { readonly kind: 'map'; readonly root: string }
  | { readonly kind: 'json'; readonly root: string }
  | { readonly kind: 'other' };

const OTHER: ParsedTopic = Object.freeze({ kind: 'other' });

/**
 * Parses a Meshtastic MQTT topic (see {@link ParsedTopic}).
 *
 * @example parseTopic('msh/US/CA/2/e/LongFast/!abcd1234')
 * // { kind: 'envelope', root: 'msh/US/CA', format: 'e', channel: 'LongFast', gateway: '!abcd1234' }
 */
export function parseTopic(topic: string): ParsedTopic {
  const levels = topic.split('/');
  const n = levels.length;
  const kind = levels[n - 3];
  if (n >= 4 && levels[n - 4] === '2' && (kind === 'e' || kind === 'c')) {
    return {
      kind: 'envelope',
      root: levels.slice(0, n - 4).join('/'),
      format: kind,
      channel: levels[n - 2]!,
      gateway: levels[n - 1]!,
    };
  }
  // The firmware publishes to exactly `<root>/2/map/`; the trailing slash leaves an empty level.
  const map = levels[n - 1] === '' ? n - 2 : n - 1;
  if (map >= 1 && levels[map] === 'map' && levels[map - 1] === '2') {
    return { kind: 'map', root: levels.slice(0, map - 1).join('/') };
  }
  for (let i = n - 2; i >= 0; i--) {
    if (levels[i] === '2' && levels[i + 1] === 'json') {
      return { kind: 'json', root: levels.slice(0, i).join('/') };
    }
  }
  return OTHER;
}
