import { describe, expect, expectTypeOf, it } from 'vitest';
import { columnNames, nodePublicKeyTable, packetSeenTable } from '../src/index.js';

describe('columnNames', () => {
  it("lists a table's columns in table order, typed as its columns", () => {
    const names = columnNames('packet_seen');
    expect(names).toEqual(packetSeenTable.columns.map((c) => c.name));
    expectTypeOf(names).toEqualTypeOf<
      readonly (
        | 'packet_id'
        | 'node_id'
        | 'rx_time'
        | 'hop_limit'
        | 'hop_start'
        | 'channel'
        | 'rx_snr'
        | 'rx_rssi'
        | 'topic'
        | 'import_time_us'
      )[]
    >();
  });

  it('leaves out the columns asked for', () => {
    const names = columnNames('node_public_key', ['id', 'first_seen_us']);
    expect(names).toEqual(['node_id', 'public_key', 'last_seen_us']);
    expect(nodePublicKeyTable.columns.map((c) => c.name)).toEqual([
      'id',
      'node_id',
      'public_key',
      'first_seen_us',
      'last_seen_us',
    ]);
    expectTypeOf(names).toEqualTypeOf<readonly ('node_id' | 'public_key' | 'last_seen_us')[]>();
  });
});
