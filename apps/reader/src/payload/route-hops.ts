import { fromBinary } from '@bufbuild/protobuf';
import { Mesh } from '@meshview/mesh';

/** The hops a `RouteDiscovery` lists: towards the destination, and back from it. */
export interface RouteHops {
  readonly route: readonly number[];
  readonly routeBack: readonly number[];
  /** The SNR each hop towards the destination was heard with, dB × 4 (-128: unknown). */
  readonly snrTowards: readonly number[];
  /** The same for the hops back. */
  readonly snrBack: readonly number[];
}

const NO_HOPS: RouteHops = { route: [], routeBack: [], snrTowards: [], snrBack: [] };

/** Decodes `traceroute.route` (raw `RouteDiscovery` bytes); no hops when missing or malformed. */
export function routeHops(bytes: Uint8Array | null): RouteHops {
  if (bytes === null) return NO_HOPS;
  try {
    const message = fromBinary(Mesh.RouteDiscoverySchema, bytes);
    return {
      route: [...message.route],
      routeBack: [...message.routeBack],
      snrTowards: [...message.snrTowards],
      snrBack: [...message.snrBack],
    };
  } catch {
    return NO_HOPS;
  }
}
