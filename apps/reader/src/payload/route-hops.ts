import { fromBinary } from '@bufbuild/protobuf';
import { Mesh } from '@meshview/mesh';

/** The hops a `RouteDiscovery` lists: towards the destination, and back from it. */
export interface RouteHops {
  readonly route: readonly number[];
  readonly routeBack: readonly number[];
}

const NO_HOPS: RouteHops = { route: [], routeBack: [] };

/** Decodes `traceroute.route` (raw `RouteDiscovery` bytes); no hops when missing or malformed. */
export function routeHops(bytes: Uint8Array | null): RouteHops {
  if (bytes === null) return NO_HOPS;
  try {
    const message = fromBinary(Mesh.RouteDiscoverySchema, bytes);
    return { route: [...message.route], routeBack: [...message.routeBack] };
  } catch {
    return NO_HOPS;
  }
}
