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
  // Levels are found by their slashes from the right rather than by splitting the topic: this
  // runs for every message. `slashN` is the N-th slash from the right, -1 when there is none.
  const slash1 = topic.lastIndexOf('/');
  const slash2 = slash1 > 0 ? topic.lastIndexOf('/', slash1 - 1) : -1;
  const slash3 = slash2 > 0 ? topic.lastIndexOf('/', slash2 - 1) : -1;
  const slash4 = slash3 > 0 ? topic.lastIndexOf('/', slash3 - 1) : -1;
  if (slash3 >= 0 && isLevel(topic, slash4, slash3, '2')) {
    const format = slash2 - slash3 === 2 ? topic[slash3 + 1] : undefined;
    if (format === 'e' || format === 'c') {
      return {
        kind: 'envelope',
        root: slash4 < 0 ? '' : topic.slice(0, slash4),
        format,
        channel: topic.slice(slash2 + 1, slash1),
        gateway: topic.slice(slash1 + 1),
      };
    }
  }
  // The firmware publishes to exactly `<root>/2/map/`; also accepted without the slash.
  if (slash1 >= 0 && slash1 === topic.length - 1) {
    if (
      slash2 >= 0 &&
      isLevel(topic, slash2, slash1, 'map') &&
      isLevel(topic, slash3, slash2, '2')
    ) {
      return { kind: 'map', root: slash3 < 0 ? '' : topic.slice(0, slash3) };
    }
  } else if (
    slash1 >= 0 &&
    isLevel(topic, slash1, topic.length, 'map') &&
    isLevel(topic, slash2, slash1, '2')
  ) {
    return { kind: 'map', root: slash2 < 0 ? '' : topic.slice(0, slash2) };
  }
  // The last `2/json` that is two whole levels.
  for (
    let at = topic.lastIndexOf('2/json');
    at >= 0;
    at = at > 0 ? topic.lastIndexOf('2/json', at - 1) : -1
  ) {
    const end = at + '2/json'.length;
    if ((at === 0 || topic[at - 1] === '/') && (end === topic.length || topic[end] === '/')) {
      return { kind: 'json', root: at === 0 ? '' : topic.slice(0, at - 1) };
    }
  }
  return OTHER;
}

/** Whether the level between the slashes at `before` (-1: the start) and `after` is `level`. */
function isLevel(topic: string, before: number, after: number, level: string): boolean {
  return after - before - 1 === level.length && topic.startsWith(level, before + 1);
}
