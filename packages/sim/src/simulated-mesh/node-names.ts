import type { Mobility } from './mesh-record.js';

const FIRST_NAMES = [
  'Alex',
  'Bea',
  'Carlos',
  'Dana',
  'Eli',
  'Fatima',
  'Gus',
  'Hana',
  'Ivan',
  'José',
  'Kai',
  'Lena',
  'Mateo',
  'Nora',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tomás',
  'Uma',
  'Vic',
  'Wen',
  'Xavi',
  'Yuki',
  'Zoë',
  'Ari',
  'Bo',
  'Cleo',
  'Dev',
  'Emi',
  'Finn',
  'Gia',
  'Hugo',
  'Iris',
  'Jun',
];

const THINGS: Readonly<Record<Mobility, readonly string[]>> = {
  fixed: ['Base', 'Home', 'Roof', 'Attic', 'Shack', 'Window'],
  walking: ['Handheld', 'Pocket', 'Walker', 'Pack'],
  driving: ['Car', 'Truck', 'Van', 'Mobile'],
};

/** What a node's name is made from. */
export interface NameParts {
  readonly index: number;
  readonly num: number;
  readonly mobility: Mobility;
  readonly role: string;
  readonly draw: number;
  /** The hill of a router, the town of a gateway. */
  readonly place?: string;
  readonly gateway: boolean;
}

/**
 * A node's long and short names, as people name their nodes: `Mount Diablo Router`, `Walnut
 * Creek Gateway`, `Zoë's Pocket` (some not ASCII, one with an emoji); the short name is four
 * characters ending in the node number's last two hex digits, so it is unique in practice.
 */
export function nodeNames(parts: NameParts): { longName: string; shortName: string } {
  const tail = (parts.num & 0xff).toString(16).padStart(2, '0').toUpperCase();
  if (parts.role === 'ROUTER' && parts.place !== undefined) {
    const initials = parts.place
      .split(' ')
      .map((w) => w[0])
      .join('');
    return { longName: `${parts.place} Router`, shortName: `${initials}${tail}`.slice(-4) };
  }
  if (parts.gateway && parts.place !== undefined) {
    return { longName: `${parts.place} Gateway`, shortName: `G${tail}` };
  }
  const first = FIRST_NAMES[parts.index % FIRST_NAMES.length]!;
  const things =
    parts.role === 'TRACKER'
      ? ['Tracker']
      : parts.role === 'SENSOR'
        ? ['Weather']
        : THINGS[parts.mobility];
  const thing = things[Math.floor(parts.draw * things.length)]!;
  const prefix = parts.index === 7 ? '🥾 ' : '';
  const letters = first
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 2)
    .toUpperCase();
  return { longName: `${prefix}${first}'s ${thing}`, shortName: `${letters}${tail}` };
}
