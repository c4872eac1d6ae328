/**
 * A busy public mesh's stream of MQTT messages, for benchmarks and demos: packets from 400 nodes,
 * each reported by 5 to 15 of 40 gateways (10 on average), with the port mix of a busy public
 * mesh, encrypted with the default key except map reports (sent in the clear), plus 15% that no
 * key opens. The same seed gives the same stream.
 */
import type { EnvelopeOptions } from './envelope-spec.js';
import { SECRET_KEY } from './keys.js';
import type { MeshMessage } from './mesh-message.js';
import { nodeIdOf } from './node-id.js';
import {
  mapReportEnvelope,
  nodeInfoEnvelope,
  positionEnvelope,
  telemetryEnvelope,
  textEnvelope,
  tracerouteEnvelope,
} from './port-envelopes.js';
import { seededRandom } from './seeded-random.js';
import { topicFor } from './topic-for.js';

const NODES = Array.from({ length: 400 }, (_, i) => 0x10000000 + i * 7919);
const GATEWAYS = Array.from({ length: 40 }, (_, i) => nodeIdOf(0x20000000 + i * 104_729));

type Kind = 'telemetry' | 'position' | 'nodeinfo' | 'text' | 'traceroute' | 'mapReport' | 'sealed';

/** The port mix: each kind's share of the packets. */
const KINDS: readonly (readonly [Kind, number])[] = [
  ['telemetry', 0.3],
  ['position', 0.25],
  ['nodeinfo', 0.12],
  ['text', 0.1],
  ['traceroute', 0.05],
  ['mapReport', 0.03],
  ['sealed', 0.15],
];

/** What {@link randomTraffic} may be told. */
export interface RandomTrafficOptions {
  /** The topic root the gateways publish under; `msh/US/bench` by default. */
  readonly root?: string;
  /** The random generator's seed; 7 by default. */
  readonly seed?: number;
}

/** `count` messages, about a tenth of them first reports of a packet and the rest other gateways'. */
export function randomTraffic(
  count: number,
  { root = 'msh/US/bench', seed = 7 }: RandomTrafficOptions = {},
): MeshMessage[] {
  const random = seededRandom(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const kind = (): Kind => {
    let r = random();
    for (const [k, share] of KINDS) if ((r -= share) < 0) return k;
    return 'sealed';
  };

  type Options = EnvelopeOptions & { readonly id: number; readonly from: number };
  const envelope = (k: Kind, options: Options): Uint8Array => {
    const { from } = options;
    switch (k) {
      case 'telemetry':
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
      case 'position':
        return positionEnvelope(
          {
            latitudeI: 377749000 + pick(10000),
            longitudeI: -1224194000,
            altitude: 30,
            time: 1_771_000_000,
          },
          options,
        );
      case 'nodeinfo':
        return nodeInfoEnvelope(
          { id: nodeIdOf(from), longName: `Node ${from}`, shortName: 'N', hwModel: 9, role: 0 },
          options,
        );
      case 'text':
        return textEnvelope(`message number ${options.id}`, options);
      case 'traceroute':
        return tracerouteEnvelope({ route: [NODES[pick(400)]!, NODES[pick(400)]!] }, options);
      case 'mapReport':
        return mapReportEnvelope(
          {
            longName: `Node ${from}`,
            firmwareVersion: '2.7.15',
            latitudeI: 370000000,
            longitudeI: -1220000000,
          },
          options,
        );
      case 'sealed':
        return textEnvelope('no key for this', { ...options, encryption: SECRET_KEY });
    }
  };

  const out: MeshMessage[] = [];
  let id = 1;
  while (out.length < count) {
    const k = kind();
    const from = NODES[pick(400)]!;
    const reports = 5 + pick(11);
    for (let g = 0; g < reports && out.length < count; g++) {
      // A map report is published by the node itself, to `<root>/2/map/`.
      const gatewayId = k === 'mapReport' ? nodeIdOf(from) : GATEWAYS[(id + g) % 40]!;
      const topic = k === 'mapReport' ? `${root}/2/map/` : topicFor({ root, gatewayId });
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
      out.push({ topic, payload: envelope(k, options) });
    }
    id += 1;
  }
  return out;
}
