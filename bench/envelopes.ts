/**
 * A deterministic, realistic stream of MQTT messages for the benchmarks: packets from 400 nodes,
 * each reported by 5 to 15 of 40 gateways (10 on average), with the port mix of a busy public
 * mesh, encrypted with the default key except map reports (sent in the clear), plus 15% that no
 * key opens.
 */
import { randomBytes } from 'node:crypto';
import {
  mapReportEnvelope,
  nodeInfoEnvelope,
  positionEnvelope,
  telemetryEnvelope,
  textEnvelope,
  topicFor,
  tracerouteEnvelope,
} from '../packages/mesh/test/support/envelopes.js';

let seed = 7;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (n: number): number => Math.floor(random() * n);
const NODES = Array.from({ length: 400 }, (_, i) => 0x10000000 + i * 7919);
const GATEWAYS = Array.from(
  { length: 40 },
  (_, i) => `!${(0x20000000 + i * 104_729).toString(16)}`,
);
const OTHER_KEY = randomBytes(16);

/** One message: its topic and payload. */
export interface Message {
  readonly topic: string;
  readonly payload: Uint8Array;
}

function envelope(kind: number, id: number, from: number, gatewayId: string): Uint8Array {
  const options = {
    id,
    from,
    gatewayId,
    rxTime: 1_771_000_000 + (id % 1000),
    rxSnr: 5.5,
    rxRssi: -90,
    hopLimit: 3,
    hopStart: 3,
  };
  switch (kind) {
    case 0:
      return telemetryEnvelope(
        {
          variant: {
            case: 'deviceMetrics',
            value: {
              batteryLevel: 80,
              voltage: 4.1,
              channelUtilization: 12.5,
              airUtilTx: 1.5,
              uptimeSeconds: 12345,
            },
          },
        },
        options,
      );
    case 1:
      return positionEnvelope(
        {
          latitudeI: 377749000 + pick(10000),
          longitudeI: -1224194000,
          altitude: 30,
          time: 1_771_000_000,
        },
        options,
      );
    case 2:
      return nodeInfoEnvelope(
        {
          id: `!${from.toString(16).padStart(8, '0')}`,
          longName: `Node ${from}`,
          shortName: 'N',
          hwModel: 9,
          role: 0,
        },
        options,
      );
    case 3:
      return textEnvelope(`message number ${id}`, options);
    case 4:
      return tracerouteEnvelope({ route: [NODES[pick(400)]!, NODES[pick(400)]!] }, options);
    case 5:
      return mapReportEnvelope(
        {
          longName: `Node ${from}`,
          firmwareVersion: '2.7.15',
          latitudeI: 370000000,
          longitudeI: -1220000000,
        },
        options,
      );
    default:
      return textEnvelope('no key for this', { ...options, encryption: OTHER_KEY });
  }
}

// telemetry 30%, position 25%, nodeinfo 12%, text 10%, traceroute 5%, map report 3%, undecryptable 15%
const KINDS: [number, number][] = [
  [0, 0.3],
  [1, 0.25],
  [2, 0.12],
  [3, 0.1],
  [4, 0.05],
  [5, 0.03],
  [6, 0.15],
];
const kind = (): number => {
  let r = random();
  for (const [k, share] of KINDS) if ((r -= share) < 0) return k;
  return 6;
};

/** `count` messages, about a tenth of them first reports of a packet and the rest other gateways'. */
export function messages(count: number, root = 'msh/US/bench'): Message[] {
  const out: Message[] = [];
  let id = 1;
  while (out.length < count) {
    const k = kind();
    const from = NODES[pick(400)]!;
    const reports = 5 + pick(11);
    for (let g = 0; g < reports && out.length < count; g++) {
      const gatewayId = GATEWAYS[(id + g) % 40]!;
      const topic = k === 5 ? `${root}/2/map/` : topicFor({ root, gatewayId });
      out.push({
        topic,
        payload: envelope(
          k,
          id,
          from,
          k === 5 ? `!${from.toString(16).padStart(8, '0')}` : gatewayId,
        ),
      });
    }
    id += 1;
  }
  return out;
}
