import Supercluster, { type ClusterProperties } from 'supercluster';
import type { MapNode } from './map-node.js';

/** What the map draws at one place: one node, or a cluster of nodes that crowd there. */
export type MapItem =
  | { readonly kind: 'node'; readonly node: MapNode }
  | {
      readonly kind: 'cluster';
      /** Supercluster's id, or a negative one for nodes at one spot. */
      readonly clusterId: number;
      readonly count: number;
      readonly lat: number;
      readonly lon: number;
    };

/** Pixels within which markers are drawn as one cluster. */
const CLUSTER_RADIUS = 44;
/**
 * The highest zoom with clusters; above it every spot is drawn on its own (at 17, a pixel is
 * about a metre). Each zoom level clustered costs an index pass over the mesh, so fewer levels
 * make the first markers show sooner on a big mesh.
 */
const CLUSTER_MAX_ZOOM = 16;

/** A spot of the index: one or more nodes at exactly the same position. */
interface SpotProps {
  readonly spot: number;
  readonly n: number;
}

/**
 * The nodes in a spatial index (supercluster's KD-trees, one per zoom level): what to draw in a
 * box at a zoom costs about the number of items drawn, whatever the mesh's size. Nodes at the
 * very same position (reduced-precision positions share their cell's middle) are one spot, a
 * cluster at every zoom that never splits ({@link ClusterIndex.splits} says `null`).
 */
export class ClusterIndex {
  readonly #index: Supercluster<SpotProps, { n: number }>;
  /** The nodes of each spot. */
  readonly #spots: (readonly MapNode[])[];

  constructor(nodes: readonly MapNode[]) {
    const byPosition = new Map<string, MapNode[]>();
    for (const node of nodes) {
      const key = `${node.lat},${node.lon}`;
      const spot = byPosition.get(key);
      if (spot) spot.push(node);
      else byPosition.set(key, [node]);
    }
    this.#spots = [...byPosition.values()];
    this.#index = new Supercluster<SpotProps, { n: number }>({
      radius: CLUSTER_RADIUS,
      maxZoom: CLUSTER_MAX_ZOOM,
      minPoints: 2,
      map: (props) => ({ n: props.n }),
      reduce: (sum, props) => {
        sum.n += props.n;
      },
    });
    this.#index.load(
      this.#spots.map((spot, i) => ({
        type: 'Feature' as const,
        properties: { spot: i, n: spot.length },
        geometry: { type: 'Point' as const, coordinates: [spot[0]!.lon, spot[0]!.lat] },
      })),
    );
  }

  /** What to draw in the box `[west, south, east, north]` (degrees) at `zoom`. */
  items(box: readonly [number, number, number, number], zoom: number): MapItem[] {
    const features = this.#index.getClusters([...box] as [number, number, number, number], zoom);
    return features.map((feature): MapItem => {
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      const props = feature.properties as Partial<SpotProps & ClusterProperties & { n: number }>;
      if (props.cluster) {
        return { kind: 'cluster', clusterId: props.cluster_id!, count: props.n!, lat, lon };
      }
      const spot = this.#spots[props.spot!]!;
      if (spot.length === 1) return { kind: 'node', node: spot[0]! };
      return { kind: 'cluster', clusterId: -1 - props.spot!, count: spot.length, lat, lon };
    });
  }

  /** The zoom at which a cluster falls apart, or `null` when it never does (one spot). */
  splits(clusterId: number): number | null {
    return clusterId < 0 ? null : this.#index.getClusterExpansionZoom(clusterId);
  }

  /** The nodes of a cluster. */
  nodesOf(clusterId: number): MapNode[] {
    if (clusterId < 0) return [...(this.#spots[-1 - clusterId] ?? [])];
    return this.#index
      .getLeaves(clusterId, Infinity)
      .flatMap((leaf) => this.#spots[leaf.properties.spot]!);
  }
}
