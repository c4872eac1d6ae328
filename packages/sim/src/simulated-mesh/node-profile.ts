import type { KeyKind, Mobility } from './mesh-record.js';

/** How a node moves and what role it runs. */
export interface NodeProfile {
  readonly mobility: Mobility;
  readonly role: string;
}

/** The first plain LongFast nodes, so that every role and way of moving is in any mesh. */
const FIRST: readonly NodeProfile[] = [
  { mobility: 'fixed', role: 'CLIENT' },
  { mobility: 'walking', role: 'TRACKER' },
  { mobility: 'driving', role: 'CLIENT_MUTE' },
  { mobility: 'fixed', role: 'SENSOR' },
  { mobility: 'walking', role: 'CLIENT' },
  { mobility: 'driving', role: 'CLIENT' },
  { mobility: 'fixed', role: 'CLIENT_MUTE' },
  { mobility: 'fixed', role: 'CLIENT_HIDDEN' },
];

const weighted = <T>(draw: number, choices: readonly (readonly [T, number])[]): T => {
  let r = draw;
  for (const [value, weight] of choices) if ((r -= weight) < 0) return value;
  return choices[choices.length - 1]![0];
};

/**
 * The profile of the `order`-th node (not a router, not a gateway) on a channel of `keyKind`:
 * LongFast nodes first take {@link FIRST}'s, then draw (a third of them mobile); the hikers of
 * the secondary channel mostly walk; the private channel's nodes stay or drive.
 */
export function nodeProfile(
  keyKind: KeyKind,
  order: number,
  draws: readonly number[],
): NodeProfile {
  const [a = 0, b = 0] = draws;
  if (keyKind === 'secondary') {
    const mobility = a < 0.6 ? 'walking' : 'fixed';
    return {
      mobility,
      role: weighted(b, [
        ['CLIENT', 0.5],
        ['CLIENT_MUTE', 0.3],
        ['TRACKER', 0.2],
      ]),
    };
  }
  if (keyKind === 'unknown') return { mobility: a < 0.4 ? 'driving' : 'fixed', role: 'CLIENT' };
  const first = FIRST[order];
  if (first !== undefined) return first;
  const mobility = weighted<Mobility>(a, [
    ['fixed', 0.66],
    ['walking', 0.14],
    ['driving', 0.2],
  ]);
  const roles: readonly (readonly [string, number])[] =
    mobility === 'fixed'
      ? [
          ['CLIENT', 0.6],
          ['CLIENT_BASE', 0.15],
          ['SENSOR', 0.1],
          ['CLIENT_MUTE', 0.1],
          ['ROUTER_LATE', 0.05],
        ]
      : [
          ['CLIENT', 0.45],
          ['CLIENT_MUTE', 0.35],
          ['TRACKER', 0.2],
        ];
  return { mobility, role: weighted(b, roles) };
}

/** Hardware people run for each way of moving. */
export const HARDWARE: Readonly<Record<Mobility | 'router' | 'tracker', readonly string[]>> = {
  router: ['RAK4631', 'STATION_G2', 'RAK4631', 'HELTEC_V3'],
  tracker: ['TRACKER_T1000_E', 'HELTEC_WIRELESS_TRACKER'],
  fixed: [
    'RAK4631',
    'HELTEC_V3',
    'STATION_G2',
    'HELTEC_MESH_NODE_T114',
    'SEEED_XIAO_S3',
    'RAK11310',
  ],
  walking: ['T_ECHO', 'HELTEC_V3', 'T_DECK', 'HELTEC_V4'],
  driving: ['TBEAM', 'HELTEC_V3', 'NANO_G2_ULTRA'],
};
