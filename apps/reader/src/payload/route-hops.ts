import { fromBinary } from '@bufbuild/protobuf';
import { Mesh } from '@meshview/mesh';

/**
 * The hops a `RouteDiscovery` lists: towards the destination, and back from it, each with the
 * SNRs as the packet carries them (dB × 4, −128 for one not measured; see {@link hopSnrDb}).
 */
export interface RouteHops {
  readonly route: readonly number[];
  readonly snrTowards: readonly number[];
  readonly routeBack: readonly number[];
  readonly snrBack: readonly number[];
}

const NO_HOPS: RouteHops = { route: [], snrTowards: [], routeBack: [], snrBack: [] };

/** Decodes `traceroute.route` (raw `RouteDiscovery` bytes); no hops when missing or malformed. */
export function routeHops(bytes: Uint8Array | null): RouteHops {
  if (bytes === null) return NO_HOPS;
  try {
    const message = fromBinary(Mesh.RouteDiscoverySchema, bytes);
    return {
      route: [...message.route],
      snrTowards: [...message.snrTowards],
      routeBack: [...message.routeBack],
      snrBack: [...message.snrBack],
    };
  } catch {
    return NO_HOPS;
  }
}
