/**
 * The page benchmark's mesh: 10,000 nodes over Northern California (inside the default `[site]`
 * map bounds, 36–39° N, 121–123° W), clustered in towns as real meshes are, with names, hardware,
 * roles, channels, some without a position and some with a blurred one, a few percent of MQTT
 * gateways, and a handful of busy routers on hills. Pure and deterministic: the same seed gives
 * the same mesh.
 */
import { seededRandom } from '@meshview/sim';
import { pickWeighted } from '../port-mix.js';

/** One node of the benchmark mesh. */
export interface BenchNode {
  readonly index: number;
  /** The node number. */
  readonly num: number;
  readonly longName: string;
  readonly shortName: string;
  /** `HardwareModel` name. */
  readonly hwModel: string;
  /** `Config.DeviceConfig.Role` name. */
  readonly role: string;
  readonly firmware: string;
  readonly channel: string;
  readonly isGateway: boolean;
  /** Degrees; null for a node that never sends a position. */
  readonly lat: number | null;
  readonly lon: number | null;
  readonly altitude: number;
  /** 32 for a full-precision position, 10–16 for one the owner blurred. */
  readonly precisionBits: number;
  /** Moves around its home (its positions vary). */
  readonly mobile: boolean;
  /** Reports environment telemetry as well as device telemetry. */
  readonly environment: boolean;
  /** How often it sends, relative to the others. */
  readonly weight: number;
  /** A router with a large share of the traffic: the node pages the benchmark opens. */
  readonly busy: boolean;
  /** The nearest other nodes (indices), nearest first: its neighbours and traceroute hops. */
  readonly neighbours: readonly number[];
  /** The nearest gateways (indices), nearest first: who uplinks its packets. */
  readonly gateways: readonly number[];
  /** 32 bytes, hex. */
  readonly publicKey: string;
}

/** The benchmark mesh. */
export interface BenchMesh {
  readonly nodes: readonly BenchNode[];
  /** Indices of the busy nodes. */
  readonly busy: readonly number[];
  /** Indices of the gateways. */
  readonly gateways: readonly number[];
}

/** Towns (facts: their centres) and how many of the nodes live around each, by share. */
const TOWNS: readonly (readonly [string, number, number, number])[] = [
  ['San Francisco', 37.7749, -122.4194, 0.14],
  ['Oakland', 37.8044, -122.2712, 0.07],
  ['Berkeley', 37.8716, -122.2727, 0.04],
  ['San Jose', 37.3382, -121.8863, 0.1],
  ['Fremont', 37.5485, -121.9886, 0.04],
  ['Palo Alto', 37.4419, -122.143, 0.04],
  ['San Mateo', 37.563, -122.3255, 0.04],
  ['Hayward', 37.6688, -122.0808, 0.03],
  ['Walnut Creek', 37.9101, -122.0652, 0.03],
  ['Concord', 37.978, -122.0311, 0.03],
  ['Santa Rosa', 38.4404, -122.7141, 0.04],
  ['Napa', 38.2975, -122.2869, 0.02],
  ['Vallejo', 38.1041, -122.2566, 0.02],
  ['Sacramento', 38.5816, -121.4944, 0.09],
  ['Davis', 38.5449, -121.7405, 0.02],
  ['Stockton', 37.9577, -121.2908, 0.04],
  ['Modesto', 37.6391, -120.9969, 0.03],
  ['Santa Cruz', 36.9741, -122.0308, 0.03],
  ['Monterey', 36.6002, -121.8947, 0.02],
  ['Salinas', 36.6777, -121.6555, 0.02],
  ['Gilroy', 37.0058, -121.5683, 0.01],
  ['Livermore', 37.6819, -121.768, 0.02],
  ['Petaluma', 38.2324, -122.6367, 0.02],
  ['San Rafael', 37.9735, -122.5311, 0.02],
  ['Half Moon Bay', 37.4636, -122.4286, 0.01],
  ['Tracy', 37.7397, -121.4252, 0.01],
  ['Vacaville', 38.3566, -121.9877, 0.01],
  ['Fairfield', 38.2494, -122.04, 0.01],
];

/** Hilltops the busy routers stand on. */
const HILLS: readonly (readonly [string, number, number, number])[] = [
  ['Mount Diablo', 37.8817, -121.9142, 1173],
  ['Mount Tamalpais', 37.9235, -122.5965, 784],
  ['Mount Hamilton', 37.3414, -121.6425, 1283],
  ['Loma Prieta', 37.1113, -121.8427, 1155],
  ['San Bruno Mountain', 37.6845, -122.4337, 400],
  ['Sonoma Mountain', 38.3277, -122.5705, 732],
];

const HARDWARE: readonly (readonly [string, number])[] = [
  ['HELTEC_V3', 0.26],
  ['RAK4631', 0.2],
  ['T_ECHO', 0.1],
  ['TBEAM', 0.1],
  ['STATION_G2', 0.05],
  ['HELTEC_WIRELESS_TRACKER', 0.08],
  ['TRACKER_T1000_E', 0.08],
  ['TLORA_V2_1_1P6', 0.05],
  ['HELTEC_WSL_V3', 0.03],
  ['RPI_PICO', 0.02],
  ['PORTDUINO', 0.03],
];
const ROLES: readonly (readonly [string, number])[] = [
  ['CLIENT', 0.7],
  ['CLIENT_MUTE', 0.12],
  ['ROUTER', 0.05],
  ['ROUTER_LATE', 0.02],
  ['CLIENT_BASE', 0.03],
  ['TRACKER', 0.05],
  ['SENSOR', 0.03],
];
const CHANNELS: readonly (readonly [string, number])[] = [
  ['LongFast', 0.72],
  ['MediumFast', 0.14],
  ['MediumSlow', 0.05],
  ['ShortFast', 0.06],
  ['Hikers', 0.03],
];
const FIRMWARE: readonly (readonly [string, number])[] = [
  ['2.7.15.567b8ea', 0.35],
  ['2.7.11.ee68575', 0.2],
  ['2.6.11.60ec05e', 0.2],
  ['2.5.20.4c97351', 0.15],
  ['2.7.16.a0c1f2e', 0.1],
];
const FIRST = ['Alex', 'Bea', 'Carlos', 'Dana', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivan', 'José'];
const MORE = ['Kai', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tomás'];
const THINGS = ['Base', 'Home', 'Roof', 'Attic', 'Shack', 'Car', 'Handheld', 'Pack', 'Solar'];

/** How many busy routers the mesh has. */
export const BUSY_NODES = 6;

/** Earth's mean radius (m). */
const EARTH_M = 6_371_000;

/** Metres between two points (equirectangular: good enough at these distances). */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const x = ((lon2 - lon1) * Math.PI * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180))) / 180;
  const y = ((lat2 - lat1) * Math.PI) / 180;
  return Math.sqrt(x * x + y * y) * EARTH_M;
}

/**
 * The node number of node `index`: scattered over the 32-bit range like real ones, and distinct
 * (multiplying by an odd number is a bijection of the 32-bit integers).
 */
export function benchNodeNum(index: number): number {
  const num = Math.imul(index + 1, 2_654_435_761) >>> 0;
  // 0, 1 (MQTT) and 0xffffffff (broadcast) name nobody; no index below 10^6 gives them.
  if (num <= 1 || num === 0xffffffff) throw new RangeError(`node ${index} has no usable number`);
  return num;
}

/** Plans the mesh of `count` nodes from `seed`. */
export function planBenchMesh(seed: number, count: number): BenchMesh {
  const random = seededRandom(seed);
  const pick = <T>(choices: readonly (readonly [T, number])[]): T => pickWeighted(random, choices);
  const gaussian = (): number =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const townShares = TOWNS.map((t, i) => [i, t[3]] as const);

  const draft = Array.from({ length: count }, (_, index) => {
    const busy = index < BUSY_NODES;
    const hill = HILLS[index % HILLS.length]!;
    const town = TOWNS[pick(townShares)]!;
    // Town nodes spread a few kilometres around the centre (σ ≈ 3 km), a tenth further out.
    const spread = random() < 0.1 ? 0.12 : 0.03;
    const lat = busy ? hill[1] : town[1] + gaussian() * spread;
    const lon = busy ? hill[2] : town[2] + gaussian() * spread * 1.25;
    const role = busy ? 'ROUTER' : pick(ROLES);
    const positioned = busy || random() > 0.08;
    const first = (random() < 0.5 ? FIRST : MORE)[Math.floor(random() * 10)]!;
    const thing = THINGS[Math.floor(random() * THINGS.length)]!;
    const place = busy ? hill[0] : town[0];
    const hex = (benchNodeNum(index) & 0xffff).toString(16).padStart(4, '0');
    return {
      index,
      num: benchNodeNum(index),
      longName: busy ? `${place} Router` : `${first}'s ${thing} ${place} ${hex}`,
      shortName: busy ? `R${index}` : `${first.slice(0, 2)}${hex.slice(0, 2)}`,
      hwModel: busy ? 'STATION_G2' : pick(HARDWARE),
      role,
      firmware: pick(FIRMWARE),
      channel: busy ? 'LongFast' : pick(CHANNELS),
      isGateway: busy || random() < 0.03,
      lat: positioned ? lat : null,
      lon: positioned ? lon : null,
      altitude: busy ? hill[3] : Math.round(10 + random() * 200),
      precisionBits: !busy && random() < 0.15 ? 10 + Math.floor(random() * 7) : 32,
      mobile: role === 'TRACKER' || (!busy && random() < 0.06),
      environment: busy || role === 'SENSOR' || random() < 0.15,
      // A long tail: most nodes send now and then, a few a lot (each busy router ~2% of it all).
      weight: busy ? 200 : 0.2 + random() ** 3 * 4,
      busy,
      publicKey: Array.from({ length: 32 }, () =>
        Math.floor(random() * 256)
          .toString(16)
          .padStart(2, '0'),
      ).join(''),
    };
  });

  const gatewayIndices = draft.filter((n) => n.isGateway && n.lat !== null).map((n) => n.index);
  const located = draft.filter((n) => n.lat !== null);
  const grid = new Map<string, number[]>();
  const cell = (lat: number, lon: number) => `${Math.floor(lat / 0.05)}:${Math.floor(lon / 0.05)}`;
  for (const n of located) {
    const key = cell(n.lat!, n.lon!);
    const list = grid.get(key) ?? [];
    list.push(n.index);
    grid.set(key, list);
  }
  // Nodes without a position live in some town all the same: they borrow a located node's place.
  const placeOf = (n: (typeof draft)[number]) =>
    n.lat !== null ? n : located[n.index % located.length]!;

  const nodes: BenchNode[] = draft.map((n) => {
    const here = placeOf(n);
    const near: { index: number; d: number }[] = [];
    const [cy, cx] = [Math.floor(here.lat! / 0.05), Math.floor(here.lon! / 0.05)];
    for (let dy = -1; dy <= 1; dy += 1) {
      for (let dx = -1; dx <= 1; dx += 1) {
        for (const other of grid.get(`${cy + dy}:${cx + dx}`) ?? []) {
          if (other === n.index) continue;
          const o = draft[other]!;
          near.push({ index: other, d: distanceM(here.lat!, here.lon!, o.lat!, o.lon!) });
        }
      }
    }
    near.sort((a, b) => a.d - b.d);
    const gateways = gatewayIndices
      .filter((g) => g !== n.index)
      .map((g) => ({
        index: g,
        d: distanceM(here.lat!, here.lon!, draft[g]!.lat!, draft[g]!.lon!),
      }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 6)
      .map((g) => g.index);
    const neighbours = near.slice(0, 8).map((x) => x.index);
    // The busy routers hear (and are heard by) the towns below them: each is a neighbour and a
    // gateway of a fifth of the nodes, as a hilltop router is.
    if (!n.busy && n.index % 5 === 0) {
      const router = n.index % BUSY_NODES;
      neighbours.splice(1, 0, router);
      gateways.splice(1, 0, router);
    }
    return { ...n, neighbours: [...new Set(neighbours)], gateways: [...new Set(gateways)] };
  });
  return {
    nodes,
    busy: nodes.filter((n) => n.busy).map((n) => n.index),
    gateways: gatewayIndices,
  };
}
