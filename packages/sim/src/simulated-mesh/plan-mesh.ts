import { nodeIdOf } from '../node-id.js';
import { seededRandom } from '../seeded-random.js';
import { distanceM, offsetM, type LatLon } from './geo.js';
import type { KeyKind, Mobility } from './mesh-record.js';
import { nodeNames } from './node-names.js';
import { HARDWARE, nodeProfile, type NodeProfile } from './node-profile.js';
import type { PlannedNode, Power } from './planned-node.js';
import { SIM_CHANNELS } from './sim-channels.js';
import { HILLS, PRIVATE_TOWN, SECONDARY_TOWN, TOWNS } from './sites.js';
import { fixedTrack, type Leg, type Track } from './track.js';

/** The fewest and most nodes a simulated mesh has. */
export const NODE_COUNT_RANGE = { min: 6, max: 500 } as const;

/** The towns of the LongFast gateways, in order: the secondary's and private's towns first. */
const GATEWAY_TOWNS = [SECONDARY_TOWN, PRIVATE_TOWN, 0, 1, 4, 6, 3, 8, 9, 2];

const MINUTE_US = 60_000_000;
const HOUR_US = 60 * MINUTE_US;

/** One node to plan: its place in the mesh, before its identity is drawn. */
interface Slot {
  readonly keyKind: KeyKind;
  readonly profile: NodeProfile;
  readonly town: number;
  readonly hill: number | null;
  readonly gatewayChannels: readonly string[];
}

/** The slots of a mesh of `count` nodes: routers, then LongFast, Hikers and Private nodes. */
function slots(count: number, draw: () => number): Slot[] {
  const routers = Math.max(2, Math.min(HILLS.length, Math.round(count * 0.15)));
  const secondary = Math.max(1, Math.round(count * 0.12));
  const hidden = Math.max(1, Math.round(count * 0.08));
  const plain = count - routers - secondary - hidden;
  // About one node in six uplinks, fewer in big meshes: each gateway adds a report per packet.
  const gateways = Math.min(
    plain,
    Math.max(2, Math.round(count * 0.18) - 1),
    10 + Math.floor(count / 40),
  );
  const LF = SIM_CHANNELS.default.name;
  // Plain nodes live within reach of a router (the groups have their own town's gateway).
  const reachable = TOWNS.flatMap((town, i) =>
    HILLS.slice(0, routers).some((hill) => distanceM(town, hill) < 22_000) ? [i] : [],
  );
  const out: Slot[] = [];
  for (let i = 0; i < routers; i++) {
    // San Bruno Mountain uplinks LongFast; Mount Diablo uplinks the hikers' channel too.
    const gatewayChannels = i === 0 ? [LF] : i === 2 ? [LF, SIM_CHANNELS.secondary.name] : [];
    const profile = { mobility: 'fixed' as const, role: 'ROUTER' };
    out.push({ keyKind: 'default', profile, town: -1, hill: i, gatewayChannels });
  }
  for (let i = 0; i < plain; i++) {
    if (i < gateways) {
      const town = GATEWAY_TOWNS[i % GATEWAY_TOWNS.length]!;
      const extra =
        town === SECONDARY_TOWN
          ? [SIM_CHANNELS.secondary.name]
          : town === PRIVATE_TOWN
            ? [SIM_CHANNELS.unknown.name]
            : [];
      const role = i === 0 ? 'CLIENT_BASE' : draw() < 0.7 ? 'CLIENT' : 'ROUTER_LATE';
      const profile = { mobility: 'fixed' as const, role };
      out.push({ keyKind: 'default', profile, town, hill: null, gatewayChannels: [LF, ...extra] });
    } else {
      const profile = nodeProfile('default', i - gateways, [draw(), draw()]);
      out.push({
        keyKind: 'default',
        profile,
        town: reachable[Math.floor(draw() * reachable.length)]!,
        hill: null,
        gatewayChannels: [],
      });
    }
  }
  for (let i = 0; i < secondary; i++) {
    const profile = nodeProfile('secondary', i, [draw(), draw()]);
    out.push({
      keyKind: 'secondary',
      profile,
      town: SECONDARY_TOWN,
      hill: null,
      gatewayChannels: [],
    });
  }
  for (let i = 0; i < hidden; i++) {
    const profile = nodeProfile('unknown', i, [draw(), draw()]);
    out.push({ keyKind: 'unknown', profile, town: PRIVATE_TOWN, hill: null, gatewayChannels: [] });
  }
  return out;
}

/** A path that dwells at `home`, goes round `loop` at `speed` m/s, and comes back. */
function loopTrack(
  home: LatLon,
  loop: readonly LatLon[],
  speed: number,
  dwellUs: number,
  phaseUs: number,
): Track {
  const points = [home, ...loop, home];
  const legs: Leg[] = [{ from: home, to: home, durationUs: dwellUs }];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    legs.push({ from, to, durationUs: Math.max(MINUTE_US, (distanceM(from, to) / speed) * 1e6) });
  }
  return { legs, phaseUs };
}

function trackOf(mobility: Mobility, home: LatLon, town: number, draw: () => number): Track {
  if (mobility === 'fixed') return fixedTrack(home);
  const phase = Math.floor(draw() * 24 * HOUR_US);
  if (mobility === 'walking') {
    const reach = 600 + draw() * 1800;
    const loop = Array.from({ length: 4 }, (_, i) =>
      offsetM(home, Math.cos(i * 1.6 + draw()) * reach, Math.sin(i * 1.6 + draw()) * reach),
    );
    return loopTrack(home, loop, 1.3, (8 + draw() * 8) * HOUR_US, phase);
  }
  const other = TOWNS[(town + 1 + Math.floor(draw() * (TOWNS.length - 1))) % TOWNS.length]!;
  const away = offsetM(other, (draw() - 0.5) * 2000, (draw() - 0.5) * 2000);
  const track = loopTrack(home, [away], 14, (10 + draw() * 4) * HOUR_US, phase);
  // Stay a working day at the other end.
  const [dwell, there, back] = track.legs;
  const stay = { from: away, to: away, durationUs: (6 + draw() * 3) * HOUR_US };
  return { legs: [dwell!, there!, stay, back!], phaseUs: phase };
}

/**
 * The nodes of a mesh of `nodeCount` nodes for `seed`: routers on the Bay Area's hills, nodes in
 * its towns (a third of them walking or driving), a hiking group on the secondary channel around
 * Walnut Creek, a private group in San Jose, a few gateways (on the hills and in the towns, two
 * of them uplinking the other channels), and one node whose number a second device announces
 * with another public key. Depends only on the seed and the count.
 */
export function planMesh(seed: number, nodeCount: number): PlannedNode[] {
  const { min, max } = NODE_COUNT_RANGE;
  if (!Number.isInteger(nodeCount) || nodeCount < min || nodeCount > max) {
    throw new RangeError(`nodeCount must be an integer from ${min} to ${max}, not ${nodeCount}`);
  }
  const draw = seededRandom(seed ^ 0x5eed5eed);
  const used = new Set<number>();
  const plan = slots(nodeCount, draw);
  let impersonated = false;
  return plan.map((slot, index): PlannedNode => {
    let num = 0;
    while (num < 0x01000000 || num === 0xffffffff || used.has(num))
      num = Math.floor(draw() * 0x100000000);
    used.add(num);
    const { mobility, role } = slot.profile;
    const hill = slot.hill === null ? null : HILLS[slot.hill % HILLS.length]!;
    const town = hill === null ? TOWNS[slot.town]! : null;
    const home =
      hill ??
      offsetM(town!, (draw() - 0.5) * town!.radiusM * 2, (draw() - 0.5) * town!.radiusM * 2);
    const gateway = slot.gatewayChannels.length > 0;
    const hardware =
      role === 'ROUTER'
        ? HARDWARE.router
        : role === 'TRACKER'
          ? HARDWARE.tracker
          : HARDWARE[mobility];
    const names = nodeNames({
      index,
      num,
      mobility,
      role,
      gateway,
      draw: draw(),
      ...(hill ? { place: hill.name } : gateway ? { place: town!.name } : {}),
    });
    const power: Power =
      role === 'ROUTER'
        ? 'solar'
        : gateway || (mobility === 'fixed' && draw() < 0.5)
          ? 'mains'
          : 'battery';
    const publicKey = Uint8Array.from({ length: 32 }, () => Math.floor(draw() * 256));
    // The first plain fixed CLIENT that is no gateway is impersonated from another town.
    const impostor =
      !impersonated &&
      slot.keyKind === 'default' &&
      !gateway &&
      mobility === 'fixed' &&
      role === 'CLIENT'
        ? {
            publicKey: Uint8Array.from({ length: 32 }, () => Math.floor(draw() * 256)),
            at: TOWNS[(slot.town + 3) % TOWNS.length]!,
          }
        : null;
    if (impostor) impersonated = true;
    const blurred = mobility === 'fixed' && !gateway && role !== 'ROUTER' && draw() < 0.4;
    return {
      index,
      num,
      id: nodeIdOf(num),
      ...names,
      hwModel: hardware[Math.floor(draw() * hardware.length)]!,
      role,
      keyKind: slot.keyKind,
      channel: SIM_CHANNELS[slot.keyKind].name,
      gatewayChannels: slot.gatewayChannels,
      mobility,
      track: trackOf(mobility, home, Math.max(0, slot.town), draw),
      altitude: hill ? hill.altitude : Math.round(5 + draw() * 90),
      high: hill !== null,
      relays: role !== 'CLIENT_MUTE' && role !== 'CLIENT_HIDDEN',
      hopLimit: draw() < 0.8 ? 3 : draw() < 0.7 ? 4 : 5,
      precisionBits: blurred ? 13 + Math.floor(draw() * 4) : 32,
      power,
      hasEnvironment: role === 'SENSOR' || role === 'ROUTER' || draw() < 0.15,
      sendsNeighborInfo: role === 'ROUTER' || gateway || draw() < 0.2,
      chatty: role === 'CLIENT' || role === 'CLIENT_BASE' || role === 'CLIENT_MUTE',
      publicKey,
      impostor,
    };
  });
}
