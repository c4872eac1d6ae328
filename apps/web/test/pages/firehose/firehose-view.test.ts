import { describe, expect, it } from 'vitest';
import { choices, firehoseView, inView } from '../../../src/pages/firehose/firehose-view.js';
import { positionHref, tracerouteHref } from '../../../src/pages/firehose/packet-links.js';
import { packet } from '../node/packet-fixture.js';

const view = (query: string) => firehoseView(new URLSearchParams(query));

describe("the firehose's view", () => {
  it('reads channel, port and rows from the query; anything else means all', () => {
    expect(view('')).toEqual({ channel: null, port: null, rows: 400 });
    expect(view('channel=LongFast&port=3&rows=60')).toEqual({
      channel: 'LongFast',
      port: 3,
      rows: 60,
    });
    expect(view('channel=&port=x')).toEqual({ channel: null, port: null, rows: 400 });
    expect(view('port=0').port).toBe(0);
    expect(view('port=99999999999').port).toBeNull();
  });

  it("takes a live packet as the page's request would: channel exactly, port, no `seq N` texts", () => {
    const longFast = view('channel=LongFast');
    expect(inView(packet({ channel: 'LongFast' }), longFast)).toBe(true);
    expect(inView(packet({ channel: 'longfast' }), longFast)).toBe(false);
    expect(inView(packet({ channel: null }), longFast)).toBe(false);
    const text = view('port=1');
    expect(inView(packet({ portnum: 1, payload: 'hello' }), text)).toBe(true);
    expect(inView(packet({ portnum: 1, payload: 'seq 4' }), text)).toBe(false);
    expect(inView(packet({ portnum: 3 }), text)).toBe(false);
    expect(inView(packet({ portnum: 0 }), view('port=0'))).toBe(true);
    expect(inView(packet({ portnum: 1, payload: 'seq 4' }), view(''))).toBe(true);
  });

  it('offers the known choices and the extra ones, each once, sorted', () => {
    expect(choices(['b', 'a'], ['c', null, 'a'], (x, y) => x.localeCompare(y))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});

describe("the firehose's links", () => {
  it('links a position to the map at its coordinates (5 decimals) and zoom 15', () => {
    const at = packet({ portnum: 3, decoded: { latitudeI: 377749123, longitudeI: -1224194567 } });
    expect(positionHref(at)).toBe('/map?lat=37.77491&lng=-122.41946&zoom=15');
    expect(positionHref(packet({ portnum: 3, decoded: { altitude: 5 } }))).toBeNull();
    expect(
      positionHref(packet({ portnum: 67, decoded: { latitudeI: 1, longitudeI: 1 } })),
    ).toBeNull();
  });

  it('links a traceroute to its page, and nothing else', () => {
    expect(tracerouteHref(packet({ id: 42, portnum: 70 }))).toBe('/traceroute/42');
    expect(tracerouteHref(packet({ id: 42, portnum: 3 }))).toBeNull();
  });
});
