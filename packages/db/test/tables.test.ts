import { describe, expect, it } from 'vitest';
import { sortTables } from '@meshview/schema';
import { nodeTable, packetSeenTable, tables, tracerouteTable } from '../src/index.js';

describe("MeshView's table definitions", () => {
  it('keep the columns in order, frozen', () => {
    expect(nodeTable.columns.map((c) => c.name)).toEqual([
      'id',
      'node_id',
      'long_name',
      'short_name',
      'hw_model',
      'firmware',
      'role',
      'last_lat',
      'last_long',
      'channel',
      'is_mqtt_gateway',
      'first_seen_us',
      'last_seen_us',
      // Ours, last as ADD COLUMN puts it (migration 69e00a3c10ef).
      'precision_bits',
    ]);
    // The DSL's plain frozen shape is pinned in packages/schema's tests; here, node's own facts.
    expect(nodeTable.columns[1]).toMatchObject({
      name: 'node_id',
      type: { kind: 'bigInteger' },
      nullable: true,
      unique: true,
      serverDefault: null,
    });
    expect(Object.isFrozen(nodeTable)).toBe(true);
  });

  it('list a composite primary key in column order, its columns NOT NULL', () => {
    expect(packetSeenTable.primaryKey).toEqual(['packet_id', 'node_id', 'rx_time']);
    expect(packetSeenTable.columns.slice(0, 3).every((c) => !c.nullable)).toBe(true);
  });

  it('have normalised indexes and foreign keys', () => {
    expect(tables.packet.indexes[3]).toEqual({
      name: 'idx_packet_from_node_time_us',
      columns: [
        { name: 'from_node_id', descending: false },
        { name: 'import_time_us', descending: true },
      ],
      unique: false,
    });
    expect(tracerouteTable.foreignKeys).toEqual([
      {
        name: null,
        columns: ['packet_id'],
        referencedTable: 'packet',
        referencedColumns: ['id'],
        onDelete: null,
      },
    ]);
  });

  it('sort as MetaData.sorted_tables does: referenced tables first, by name within a layer', () => {
    expect(sortTables(Object.values(tables)).map((t) => t.name)).toEqual([
      'daily_snapshot',
      'node',
      'node_public_key',
      'packet',
      'stats_daily',
      'stats_hourly',
      'stats_recipient_daily',
      'stats_recipient_hourly',
      'stats_sender_daily',
      'stats_sender_hourly',
      'writer_stats',
      'packet_seen',
      'traceroute',
    ]);
  });
});
