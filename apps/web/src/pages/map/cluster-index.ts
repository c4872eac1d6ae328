import Supercluster, { type ClusterProperties } from 'supercluster';
import type { MapNode } from './map-node.js';
import { MAX_ZOOM } from './map-query.js';

/** What the map draws at one place: one node, or a cluster of nodes that crowd there. */
export type MapItem =
  | { readonly kind: 'node'; readonly node: MapNode }
  | {
      readonly kind: 'cluster';
      readonly clusterId: number;
      readonly count: number;
      readonly lat: number;
      readonly lon: number;
    };

/** Pixels within which markers are drawn as one cluster. */
const CLUSTER_RADIUS = 44;

/**
 * The nodes in a spatial index (supercluster's KD-trees, one per zoom level): what to draw in a
 * box at a zoom costs about the number of items drawn, whatever the mesh's size (10,000 nodes
 * index in tens of milliseconds). Nodes at the very same spot (reduced-precision positions share
 * their cell's middle) stay one cluster at every zoom; {@link ClusterIndex.splits} says so.
 */
export class ClusterIndex {
  readonly #index: Supercluster<{ i: number }, Record<string, never>>;
  readonly #nodes: readonly MapNode[];

  constructor(nodes: readonly MapNode[]) {
    this.#nodes = nodes;
    this.#index = new Supercluster<{ i: number }, Record<string, never>>({
      radius: CLUSTER_RADIUS,
      maxZoom: MAX_ZOOM,
      minPoints: 2,
    });
    this.#index.load(
      nodes.map((node, i) => ({
        type: 'Feature' as const,
        properties: { i },
        geometry: { type: 'Point' as const, coordinates: [node.lon, node.lat] },
      })),
    );
  }

  /** What to draw in the box `[west, south, east, north]` (degrees) at `zoom`. */
  items(box: readonly [number, number, number, number], zoom: number): MapItem[] {
    const features = this.#index.getClusters([...box] as [number, number, number, number], zoom);
    return features.map((feature): MapItem => {
      const props = feature.properties as {
        cluster?: boolean;
        i?: number;
      } & Partial<ClusterProperties>;
      if (props.cluster) {
        const [lon, lat] = feature.geometry.coordinates as [number, number];
        return {
          kind: 'cluster',
          clusterId: props.cluster_id!,
          count: props.point_count!,
          lat,
          lon,
        };
      }
      return { kind: 'node', node: this.#nodes[props.i!]! };
    });
  }

  /** The zoom at which a cluster falls apart, or `null` when it never does (one spot). */
  splits(clusterId: number): number | null {
    const zoom = this.#index.getClusterExpansionZoom(clusterId);
    return zoom > MAX_ZOOM ? null : zoom;
  }

  /** The nodes of a cluster. */
  nodesOf(clusterId: number): MapNode[] {
    return this.#index
      .getLeaves(clusterId, Infinity)
      .map((leaf) => this.#nodes[leaf.properties.i]!);
  }
}
