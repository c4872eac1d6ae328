import type { PacketRecord } from '@meshview/mesh';

/**
 * What the store reads of one decoded envelope: the rows of `@meshview/mesh`'s `PacketRecord`,
 * shaped like the tables' columns. The ingest pipeline hands over its `PacketRecord`s as they
 * are; benchmarks and tests may build just these fields.
 */
export type StorableRecord = Pick<
  PacketRecord,
  'packet' | 'seen' | 'gatewayNodeId' | 'nodes' | 'publicKey' | 'traceroute'
>;
