/** What firmware's TraceRouteModule writes for a hop SNR it did not measure (INT8_MIN). */
const UNKNOWN_SNR = -128;

/**
 * A hop's SNR in dB from its `RouteDiscovery` value: mesh.proto carries it as an int8 of dB × 4,
 * and −128 for one not measured (`null` here).
 *
 * @example
 * hopSnrDb(-26) // -6.5
 */
export function hopSnrDb(raw: number): number | null {
  return raw === UNKNOWN_SNR ? null : raw / 4;
}

/**
 * The SNR (dB) of each of a path's `links`, in order: `snrs[i]` is what the node at the end of
 * link `i` measured. Links past the end of the list (an older firmware's, a request still on its
 * way) and unmeasured ones are `null`.
 *
 * @example
 * linkSnrs([24, -128], 3) // [6, null, null]
 */
export function linkSnrs(snrs: readonly number[], links: number): (number | null)[] {
  return Array.from({ length: Math.max(0, links) }, (_, i) => {
    const raw = snrs[i];
    return raw === undefined ? null : hopSnrDb(raw);
  });
}
