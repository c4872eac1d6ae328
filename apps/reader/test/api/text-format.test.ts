import { create, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { Mesh, Mqtt, Telemetry } from '@meshview/mesh';
import { BROADCAST_NODE } from '@meshview/mesh/facts';
import { seededRandom } from '@meshview/sim';
import {
  pythonFloat32Repr,
  pythonFloatRepr,
  shortestFloat32,
} from '../../src/payload/python-float.js';
import { renderPayload } from '../../src/payload/rendered-payload.js';
import { toTextFormat } from '../../src/payload/text-format.js';

// Expected strings are Python protobuf's text_format.MessageToString output, worked out by hand
// from its rules (field-number order, snake_case names, enum names, octal escapes, ToShortestFloat).

describe('toTextFormat renders as Python text_format does', () => {
  it('POSITION: set optional and non-default fields in field-number order', () => {
    const position = create(Mesh.PositionSchema, {
      latitudeI: 377_749_000,
      longitudeI: -1_224_194_000,
      altitude: 52,
      time: 1_760_000_000,
    });
    expect(toTextFormat(Mesh.PositionSchema, position)).toBe(
      'latitude_i: 377749000\nlongitude_i: -1224194000\naltitude: 52\ntime: 1760000000\n',
    );
  });

  it('NODEINFO: enum names, unknown enums as numbers, strings and bytes C-escaped', () => {
    const user = create(Mesh.UserSchema, {
      id: '!0b0b0002',
      longName: 'Caf\u00e9 \u2615 "Bob\'s"',
      shortName: 'BOB',
      hwModel: 43,
      role: 1,
      publicKey: Uint8Array.from([0x00, 0x0a, 0x22, 0x41, 0x5c, 0x7f, 0xff]),
    });
    expect(toTextFormat(Mesh.UserSchema, user)).toBe(
      'id: "!0b0b0002"\n' +
        'long_name: "Caf\\303\\251 \\342\\230\\225 \\"Bob\\\'s\\""\n' +
        'short_name: "BOB"\n' +
        'hw_model: HELTEC_V3\n' +
        'role: CLIENT_MUTE\n' +
        'public_key: "\\000\\n\\"A\\\\\\177\\377"\n',
    );
    const unknown = create(Mesh.UserSchema, { id: '!x', hwModel: 999 });
    expect(toTextFormat(Mesh.UserSchema, unknown)).toBe('id: "!x"\nhw_model: 999\n');
  });

  it('TELEMETRY: a oneof message nested in braces, floats as Python prints 32-bit floats', () => {
    const telemetry = create(Telemetry.TelemetrySchema, {
      time: 1_760_000_100,
      variant: {
        case: 'deviceMetrics',
        value: { batteryLevel: 87, voltage: 4.05, channelUtilization: 12.5, airUtilTx: 1.25 },
      },
    });
    expect(toTextFormat(Telemetry.TelemetrySchema, telemetry)).toBe(
      'time: 1760000100\n' +
        'device_metrics {\n' +
        '  battery_level: 87\n' +
        '  voltage: 4.05\n' +
        '  channel_utilization: 12.5\n' +
        '  air_util_tx: 1.25\n' +
        '}\n',
    );
  });

  it('NEIGHBORINFO and TRACEROUTE: repeated messages and repeated scalars, one line each', () => {
    const info = create(Mesh.NeighborInfoSchema, {
      nodeId: 0x6a7e0003,
      nodeBroadcastIntervalSecs: 900,
      neighbors: [
        { nodeId: 0x0a11ce01, snr: 7.5 },
        { nodeId: 0x6a7e0004, snr: -3.25 },
      ],
    });
    expect(toTextFormat(Mesh.NeighborInfoSchema, info)).toBe(
      'node_id: 1786642435\nnode_broadcast_interval_secs: 900\n' +
        'neighbors {\n  node_id: 168939009\n  snr: 7.5\n}\n' +
        'neighbors {\n  node_id: 1786642436\n  snr: -3.25\n}\n',
    );
    const route = create(Mesh.RouteDiscoverySchema, {
      route: [1, 2],
      snrTowards: [24, -8],
      routeBack: [2],
    });
    expect(toTextFormat(Mesh.RouteDiscoverySchema, route)).toBe(
      'route: 1\nroute: 2\nsnr_towards: 24\nsnr_towards: -8\nroute_back: 2\n',
    );
  });

  it('ROUTING and MAP_REPORT: a oneof enum set to its zero value is still printed', () => {
    const routing = create(Mesh.RoutingSchema, { variant: { case: 'errorReason', value: 0 } });
    expect(toTextFormat(Mesh.RoutingSchema, routing)).toBe('error_reason: NONE\n');
    const report = create(Mqtt.MapReportSchema, {
      longName: 'Dave Relay',
      shortName: 'DAV',
      hwModel: 999,
      role: 2,
      firmwareVersion: '2.7.15.abcdef0',
      region: 1,
      latitudeI: 377_900_000,
      longitudeI: -1_223_900_000,
      numOnlineLocalNodes: 4,
    });
    expect(toTextFormat(Mqtt.MapReportSchema, report)).toBe(
      'long_name: "Dave Relay"\nshort_name: "DAV"\nrole: ROUTER\nhw_model: 999\n' +
        'firmware_version: "2.7.15.abcdef0"\nregion: US\nlatitude_i: 377900000\n' +
        'longitude_i: -1223900000\nnum_online_local_nodes: 4\n',
    );
  });
});

describe('Python float printing', () => {
  it('repr: fixed between 1e-4 and 1e16, scientific outside, always a fraction', () => {
    expect(
      [7, 0.1, 1e-5, 0.0001, 1e16, 1.5e16, 123456789012345.6, -2.5, 0, -0, NaN, -Infinity].map(
        pythonFloatRepr,
      ),
    ).toEqual([
      '7.0',
      '0.1',
      '1e-05',
      '0.0001',
      '1e+16',
      '1.5e+16',
      '123456789012345.6',
      '-2.5',
      '0.0',
      '-0.0',
      'nan',
      '-inf',
    ]);
  });

  it('repr: the same text as the rule spelled out, for doubles of every size and sign', () => {
    // The rule step by step: the shortest round-tripping digits (toExponential), then placed.
    const byRule = (value: number): string => {
      const sign = value < 0 ? '-' : '';
      const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [
        string,
        string,
      ];
      const digits = mantissa.replace('.', '');
      const exponent = Number(exponentText);
      if (exponent >= -4 && exponent < 16) {
        if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
        const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
        const fraction = digits.slice(exponent + 1);
        return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
      }
      const shown = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
      return `${sign}${shown}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
    };
    const random = seededRandom(11);
    const values = [1e-4, 9.999999999999999e-5, 1e16, 9999999999999998, 1e15, 123, -0.5, 5e-324];
    for (let i = 0; i < 20_000; i += 1) {
      const value = (random() - 0.5) * 10 ** Math.floor(random() * 50 - 25);
      values.push(value, Math.fround(value), Math.round(value));
    }
    for (const value of values) {
      if (value === 0) continue;
      expect(pythonFloatRepr(value), String(value)).toBe(byRule(value));
    }
  });

  it('32-bit floats: the fewest digits from six up that read back to the same float', () => {
    const f = (x: number) => pythonFloat32Repr(Math.fround(x));
    expect([f(4.05), f(0.1), f(1 / 3), f(16777217), f(1e-7), f(3.4e38)]).toEqual([
      '4.05',
      '0.1',
      '0.33333334',
      '16777216.0',
      '1e-07',
      '3.4e+38',
    ]);
    // The rule as written: precision from 6 up until the 32-bit float reads back.
    const byRule = (value: number): number => {
      let precision = 6;
      while (Math.fround(Number(value.toPrecision(precision))) !== value) precision += 1;
      return Number(value.toPrecision(precision));
    };
    const random = seededRandom(12);
    for (let i = 0; i < 20_000; i += 1) {
      const value = Math.fround((random() - 0.5) * 10 ** Math.floor(random() * 70 - 35));
      if (value === 0) continue;
      expect(shortestFloat32(value), String(value)).toBe(byRule(value));
    }
  });
});

describe('renderPayload', () => {
  const packet = (portnum: number, payload: Uint8Array, extra: object = {}) =>
    toBinary(
      Mesh.MeshPacketSchema,
      create(Mesh.MeshPacketSchema, {
        id: 7,
        payloadVariant: { case: 'decoded', value: { portnum, payload, ...extra } },
      }),
    );
  const text = (s: string) => new TextEncoder().encode(s);

  it('shows broadcast text, redacts direct text, keeps reply_id', () => {
    expect(renderPayload(packet(1, text('hi'), { replyId: 5 }), BROADCAST_NODE)).toEqual({
      text: 'hi',
      decoded: 'hi',
      replyId: 5,
      wantResponse: false,
    });
    expect(renderPayload(packet(1, text('secret')), 1234)).toEqual({
      text: '<redacted>',
      decoded: null,
      replyId: null,
      wantResponse: false,
    });
  });

  it('says whether the sender asks for an answer (a traceroute request, not its reply)', () => {
    const route = toBinary(Mesh.RouteDiscoverySchema, create(Mesh.RouteDiscoverySchema, {}));
    expect(renderPayload(packet(70, route, { wantResponse: true }), 1234).wantResponse).toBe(true);
    expect(renderPayload(packet(70, route), 1234).wantResponse).toBe(false);
  });

  it('gives 32-bit floats in the JSON with their shortest digits, in nested and repeated messages', () => {
    const info = toBinary(
      Mesh.NeighborInfoSchema,
      create(Mesh.NeighborInfoSchema, { nodeId: 1, neighbors: [{ nodeId: 2, snr: 0.1 }] }),
    );
    expect(renderPayload(packet(71, info), BROADCAST_NODE).decoded).toEqual({
      nodeId: 1,
      neighbors: [{ nodeId: 2, snr: 0.1 }],
    });
  });

  it('gives text format and protobuf JSON for decoded ports, "Did not decode" otherwise', () => {
    const position = toBinary(
      Mesh.PositionSchema,
      create(Mesh.PositionSchema, { latitudeI: 1, longitudeI: 2 }),
    );
    expect(renderPayload(packet(3, position), BROADCAST_NODE)).toEqual({
      text: 'latitude_i: 1\nlongitude_i: 2\n',
      decoded: { latitudeI: 1, longitudeI: 2 },
      replyId: null,
      wantResponse: false,
    });
    const undecoded = { text: 'Did not decode', decoded: null, replyId: null, wantResponse: false };
    expect(renderPayload(packet(32, text('x')), BROADCAST_NODE)).toEqual(undecoded);
    expect(renderPayload(packet(3, Uint8Array.from([0xff, 0xff])), BROADCAST_NODE)).toEqual(
      undecoded,
    );
    expect(renderPayload(null, null)).toEqual(undecoded);
    const encrypted = toBinary(
      Mesh.MeshPacketSchema,
      create(Mesh.MeshPacketSchema, { payloadVariant: { case: 'encrypted', value: text('zz') } }),
    );
    expect(renderPayload(encrypted, BROADCAST_NODE)).toEqual(undecoded);
  });
});
