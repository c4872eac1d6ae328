import type { NodeUpsert, PacketRecord, PublicKeyRow } from '@meshview/mesh';

/** A fixed import time (µs) the records start from. */
export const T0 = 1_760_000_000_000_000;

/** `!xxxxxxxx`, as Meshtastic spells a node number. */
export const userId = (nodeNumber: number): string =>
  `!${nodeNumber.toString(16).padStart(8, '0')}`;

/** What one gateway report of a packet is made of; everything has a default. */
export interface ReportSpec {
  readonly id: number;
  readonly from?: number;
  readonly to?: number;
  /** Null: an envelope that names no gateway. */
  readonly gateway?: number | null;
  readonly rxTime?: number;
  readonly portnum?: number;
  readonly importUs?: number;
  readonly payload?: Uint8Array;
  readonly nodes?: readonly NodeUpsert[];
  readonly publicKey?: PublicKeyRow | null;
  /** A TRACEROUTE report: its `done` flag. */
  readonly traceroute?: { readonly done: boolean } | null;
}

/** A `PacketRecord` built by hand, shaped as the mesh package makes them. */
export function report(spec: ReportSpec): PacketRecord {
  const from = spec.from ?? 0x1111;
  const gateway = spec.gateway === undefined ? 0xa000 : spec.gateway;
  const importUs = spec.importUs ?? T0;
  const portnum = spec.portnum ?? (spec.traceroute ? 70 : 1);
  return {
    decryption: 'decrypted',
    keyIndex: 0,
    packet: {
      id: spec.id,
      portnum,
      from_node_id: from,
      to_node_id: spec.to ?? 0xffffffff,
      payload: spec.payload ?? Uint8Array.of(8, portnum, 18, 2, 104, 105),
      import_time_us: importUs,
      channel: 'LongFast',
    },
    seen:
      gateway === null
        ? null
        : {
            packet_id: spec.id,
            node_id: gateway,
            rx_time: spec.rxTime ?? 1_760_000_000,
            hop_limit: 3,
            hop_start: 7,
            channel: 'LongFast',
            rx_snr: 6.25,
            rx_rssi: -90,
            topic: `msh/US/2/e/LongFast/${userId(gateway)}`,
            import_time_us: importUs,
          },
    gatewayNodeId: gateway,
    nodes: spec.nodes ?? [],
    publicKey: spec.publicKey ?? null,
    traceroute: spec.traceroute
      ? {
          packet_id: spec.id,
          gateway_node_id: gateway,
          done: spec.traceroute.done,
          route: Uint8Array.of(10, 4, 1, 2, 3, 4),
          import_time_us: importUs,
        }
      : null,
    decoded: null,
  };
}

/** The same packet reported by each of `gateways`. */
export function reportsFrom(gateways: readonly number[], spec: ReportSpec): PacketRecord[] {
  return gateways.map((gateway) => report({ ...spec, gateway }));
}

/** `count` gateway numbers starting at `first`. */
export const gatewayNumbers = (count: number, first = 0xa000): number[] =>
  Array.from({ length: count }, (_, i) => first + i);
