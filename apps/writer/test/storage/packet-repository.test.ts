import { describe, expect, it } from 'vitest';
import { packetSeenTable, packetTable, tracerouteTable } from '@meshview/db';
import { PACKET_INSERT_COLUMNS } from '../../src/storage/packet-repository.js';

const names = (table: { readonly columns: readonly { readonly name: string }[] }): string[] =>
  table.columns.map((c) => c.name);

describe('PacketRepository', () => {
  it("inserts packet and packet_seen rows with every column of the tables' models, in order", () => {
    expect(PACKET_INSERT_COLUMNS.packet).toEqual(names(packetTable));
    expect(PACKET_INSERT_COLUMNS.packet_seen).toEqual(names(packetSeenTable));
  });

  it('leaves the generated id and the unused route_return of a traceroute row to the database', () => {
    expect(PACKET_INSERT_COLUMNS.traceroute).toEqual(
      names(tracerouteTable).filter((c) => c !== 'id' && c !== 'route_return'),
    );
  });
});
