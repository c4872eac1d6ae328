import { describe, expect, it } from 'vitest';
import type { Node } from '@meshview/api';
import {
  DEFAULT_VIEW,
  parseView,
  viewQuery,
  type NodeListView,
} from '../../src/pages/node-list/node-list-view.js';
import {
  CSV_HEADER,
  csvRows,
  filterRows,
  optionsOf,
  sortRows,
  toRows,
} from '../../src/pages/node-list/node-rows.js';

const node = (num: number, fields: Partial<Node> = {}): Node => ({
  id: `!${num.toString(16).padStart(8, '0')}`,
  node_id: num,
  long_name: null,
  short_name: null,
  hw_model: null,
  firmware: null,
  role: null,
  last_lat: null,
  last_long: null,
  channel: null,
  is_mqtt_gateway: null,
  first_seen_us: null,
  last_seen_us: null,
  precision_bits: null,
  ...fields,
});

const alice = node(0x0a11ce01, {
  long_name: 'Alice Base',
  short_name: 'ALB',
  role: 'CLIENT',
  channel: 'LongFast',
  hw_model: 'RAK4631',
  firmware: '2.5.10',
  last_lat: 377749000,
  last_long: -1224194000,
  last_seen_us: 3_000_000,
});
const gateway = node(0x6a7e0003, {
  long_name: 'Gateway One',
  short_name: 'GW1',
  role: 'ROUTER',
  channel: 'LongFast',
  hw_model: 'RAK4631',
  firmware: '2.5.9',
  is_mqtt_gateway: true,
  last_seen_us: 1_000_000,
});
const carol = node(0x0ca20005, {
  long_name: 'Carol Hill',
  short_name: 'CAR',
  role: 'CLIENT',
  channel: 'MediumFast',
  last_lat: 0,
  last_long: 0,
  last_seen_us: 2_000_000,
});
const unnamed = node(0x0000beef);
const rows = toRows([alice, gateway, carol, unnamed]);
const view = (change: Partial<NodeListView>): NodeListView => ({ ...DEFAULT_VIEW, ...change });
const ids = (list: { num: number }[]) => list.map((row) => row.num);

describe('node list rows', () => {
  it('finds nodes by short or long name, decimal id, !hex id and 0x id, ignoring case', () => {
    const search = (q: string) => ids(filterRows(rows, view({ q }), new Set()));
    expect(search('alice')).toEqual([alice.node_id]);
    expect(search('gw1')).toEqual([gateway.node_id]);
    expect(search(String(0x0ca20005))).toEqual([carol.node_id]);
    expect(search('!0A11CE01')).toEqual([alice.node_id]);
    expect(search('0xbeef')).toEqual([0xbeef]);
    expect(search('  ')).toHaveLength(4);
    expect(search('nobody')).toEqual([]);
  });

  it('filters by role, channel, hardware, firmware, gateways and favourites together', () => {
    const keep = (change: Partial<NodeListView>, favourites = new Set<number>()) =>
      ids(filterRows(rows, view(change), favourites));
    expect(keep({ role: 'CLIENT' })).toEqual([alice.node_id, carol.node_id]);
    expect(keep({ channel: 'LongFast', hw: 'RAK4631' })).toEqual([alice.node_id, gateway.node_id]);
    expect(keep({ fw: '2.5.9' })).toEqual([gateway.node_id]);
    expect(keep({ gateways: true })).toEqual([gateway.node_id]);
    expect(keep({ favourites: true }, new Set([carol.node_id!]))).toEqual([carol.node_id]);
    expect(keep({ favourites: true, role: 'ROUTER' }, new Set([carol.node_id!]))).toEqual([]);
  });

  it('sorts by a column either way, nodes without a value last, firmware numbers as numbers', () => {
    const sort = (key: NodeListView['sort'], dir: 'asc' | 'desc') =>
      ids(sortRows(rows, key, dir, 'en'));
    expect(sort('long_name', 'asc')).toEqual([
      alice.node_id,
      carol.node_id,
      gateway.node_id,
      0xbeef,
    ]);
    expect(sort('long_name', 'desc')).toEqual([
      gateway.node_id,
      carol.node_id,
      alice.node_id,
      0xbeef,
    ]);
    expect(sort('last_seen', 'desc')).toEqual([
      alice.node_id,
      carol.node_id,
      gateway.node_id,
      0xbeef,
    ]);
    expect(sort('firmware', 'asc').slice(0, 2)).toEqual([gateway.node_id, alice.node_id]);
  });

  it('offers each filter value once with its count, in order', () => {
    expect(optionsOf(rows, 'role', 'en')).toEqual([
      { value: 'CLIENT', count: 2 },
      { value: 'ROUTER', count: 1 },
    ]);
  });

  it('exports degrees, no position for 0,0, and ISO times under stable column names', () => {
    expect(CSV_HEADER[0]).toBe('node_id');
    const [a, , c] = csvRows(rows);
    expect(a).toEqual([
      alice.node_id,
      '!0a11ce01',
      'ALB',
      'Alice Base',
      'RAK4631',
      '2.5.10',
      'CLIENT',
      37.7749,
      -122.4194,
      'LongFast',
      null,
      '1970-01-01T00:00:03.000Z',
    ]);
    expect(c?.slice(7, 9)).toEqual([null, null]);
  });
});

describe('node list view in the URL', () => {
  it('round-trips a view through the query, leaving defaults out', () => {
    const chosen = view({
      q: 'alice',
      role: 'ROUTER',
      gateways: true,
      favourites: true,
      days: '7',
      sort: 'long_name',
      dir: 'asc',
    });
    const query = viewQuery(chosen);
    expect(query).toMatchObject({ q: 'alice', role: 'ROUTER', gw: '1', fav: '1', days: '7' });
    const params = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== null),
    );
    expect(parseView(params)).toEqual(chosen);
    expect(Object.values(viewQuery(DEFAULT_VIEW)).every((value) => value === null)).toBe(true);
  });

  it('falls back to the defaults for values it does not know', () => {
    expect(parseView(new URLSearchParams('days=9&sort=evil&dir=up'))).toEqual(DEFAULT_VIEW);
  });
});
