import type { Packet } from '@meshview/api';

/** A packet as `/api/packets` lists it, with what a test sets. */
export function packet(fields: Partial<Packet> & { readonly decoded?: unknown }): Packet {
  return {
    id: 1,
    import_time_us: 1_765_000_000_000_000,
    channel: 'LongFast',
    from_node_id: 0x0b0b0002,
    to_node_id: 0xffffffff,
    portnum: 67,
    long_name: 'Bob Mobile',
    to_long_name: null,
    payload: '',
    decoded: null,
    ...fields,
  };
}
