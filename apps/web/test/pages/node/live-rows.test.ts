import { describe, expect, it } from 'vitest';
import { belongsInNodeTable } from '../../../src/pages/node/live-rows.js';
import { packet } from './packet-fixture.js';

const NODE = 0x0b0b0002;
const ALL = { sinceUs: undefined, port: null };

describe('belongsInNodeTable', () => {
  it('takes packets sent by or to the node, and no others', () => {
    expect(belongsInNodeTable(packet({ from_node_id: NODE }), NODE, ALL)).toBe(true);
    expect(belongsInNodeTable(packet({ from_node_id: 7, to_node_id: NODE }), NODE, ALL)).toBe(true);
    expect(belongsInNodeTable(packet({ from_node_id: 7, to_node_id: 8 }), NODE, ALL)).toBe(false);
  });

  it('keeps to the "since" bound, as `since=` does (after it, not at it)', () => {
    const sinceUs = 1_765_000_000_000_000;
    const at = (us: number | null) => packet({ from_node_id: NODE, import_time_us: us });
    expect(belongsInNodeTable(at(sinceUs + 1), NODE, { sinceUs, port: null })).toBe(true);
    expect(belongsInNodeTable(at(sinceUs), NODE, { sinceUs, port: null })).toBe(false);
    expect(belongsInNodeTable(at(null), NODE, { sinceUs, port: null })).toBe(false);
  });

  it('keeps to the port, and leaves out `seq N` texts as `portnum=1` does', () => {
    const only = (port: number) => ({ sinceUs: undefined, port });
    const text = (payload: string) => packet({ from_node_id: NODE, portnum: 1, payload });
    expect(belongsInNodeTable(packet({ from_node_id: NODE, portnum: 67 }), NODE, only(67))).toBe(
      true,
    );
    expect(belongsInNodeTable(packet({ from_node_id: NODE, portnum: 3 }), NODE, only(67))).toBe(
      false,
    );
    expect(belongsInNodeTable(text('hello'), NODE, only(1))).toBe(true);
    expect(belongsInNodeTable(text('seq 12'), NODE, only(1))).toBe(false);
    expect(belongsInNodeTable(text('seq 12'), NODE, ALL)).toBe(true);
  });
});
