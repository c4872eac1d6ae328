/** What people write on a Bay Area mesh (some in Spanish, some with emoji). */
export const OPENERS: readonly string[] = [
  'Good morning mesh!',
  'Anyone copy from the East Bay?',
  'Testing my new antenna on the roof',
  'Heading out for a hike, will check in from the ridge',
  'Fog is rolling in again 🌁',
  'Is the Mount Diablo router up? Not seeing it',
  'Hola a todos, ¿alguien me escucha?',
  'Power is out on my street, running on battery',
  'Traffic on 880 is a mess today',
  'Who else is on the new firmware?',
  'Checking in from the bike trail 🚲',
  'Nice sunset from the hills tonight',
];

/** Answers to an opener. */
export const REPLIES: readonly string[] = [
  'Copy, loud and clear',
  'Got you 2 hops out',
  'Yes! Hearing you fine from here',
  'Sí, te escucho bien 👍',
  'Same here, all good',
  'Router looks fine from my side',
  'Roger that',
  'Welcome to the mesh!',
  'Stay safe out there',
];

/** Direct messages between two people. */
export const DIRECT: readonly string[] = [
  'Are you at the trailhead yet?',
  'Meet at noon?',
  'Can you check my node when you pass by?',
  'Thanks for the help yesterday',
  'On my way',
];

/** Answers to a direct message. */
export const DIRECT_REPLIES: readonly string[] = [
  'Yes',
  'Sounds good',
  'Will do',
  '10 minutes',
  'Thanks!',
];

/** A check-in of the weekly net, carrying `[site] net_tag`'s default. */
export const NET_CHECK_IN = (town: string): string => `Checking in from ${town} #BayMeshNet`;

/** One of `texts`, by a draw in [0, 1). */
export function pickText(texts: readonly string[], draw: number): string {
  return texts[Math.floor(draw * texts.length)]!;
}
