import {
  mapReportEnvelope,
  nodeInfoEnvelope,
  nodeIdOf,
  positionEnvelope,
  SECRET_KEY,
  seededRandom,
  telemetryEnvelope,
  textEnvelope,
  topicFor,
  tracerouteEnvelope,
  type EnvelopeOptions,
  type MeshMessage,
} from '@meshview/sim';

const NODES = Array.from({ length: 400 }, (_, i) => 0x10000000 + i * 7919);
const GATEWAYS = Array.from({ length: 40 }, (_, i) => nodeIdOf(0x20000000 + i * 104_729));

type Kind = 'telemetry' | 'position' | 'nodeinfo' | 'text' | 'traceroute' | 'mapReport' | 'sealed';

/** The port mix of `randomTraffic` (packages/sim): each kind's share of the packets. */
const KINDS: readonly (readonly [Kind, number])[] = [
  ['telemetry', 0.3],
  ['position', 0.25],
  ['nodeinfo', 0.12],
  ['text', 0.1],
  ['traceroute', 0.05],
  ['mapReport', 0.03],
  ['sealed', 0.15],
];

/** What an {@link IngestTraffic} is told. */
export interface IngestTrafficProps {
  readonly root: string;
  readonly seed?: number;
  /**
   * Over how many messages one packet's reports are spread: gateways report a packet within
   * about a second of each other, between other packets' reports. 2,000 by default.
   */
  readonly spread?: number;
}

/**
 * The ingest benchmarks' input: `randomTraffic`'s mesh (400 nodes, 5 to 15 of 40 gateways per
 * packet, its port mix, 15% that no key opens), drawn so as not to flatter a store:
 * - packet ids are random 32-bit numbers, as the firmware draws them (not 1, 2, 3, … which
 *   append to the primary key's B-tree), and never repeat across `take` calls, so that each
 *   step of a run stores new packets into a database that keeps growing;
 * - a packet's reports are interleaved with other packets' (spread over `spread` messages), not
 *   adjacent, and come from a random set of gateways.
 *
 * @example
 * const traffic = new IngestTraffic({ root: 'msh/bench-1' });
 * const first = traffic.take(100_000); // then traffic.take(…) for new packets
 */
export class IngestTraffic {
  readonly #root: string;
  readonly #spread: number;
  readonly #random: () => number;
  readonly #usedIds = new Set<number>();
  #packets = 0;

  constructor(props: IngestTrafficProps) {
    this.#root = props.root;
    this.#spread = props.spread ?? 2000;
    this.#random = seededRandom(props.seed ?? 7);
  }

  /** `count` messages of packets not drawn before. */
  take(count: number): MeshMessage[] {
    const placed: { at: number; message: MeshMessage }[] = [];
    let start = 0;
    while (start < count) {
      const reports = this.#packet();
      for (const message of reports) {
        placed.push({ at: start + this.#random() * this.#spread, message });
      }
      start += reports.length;
    }
    placed.sort((a, b) => a.at - b.at);
    return placed.slice(0, count).map((p) => p.message);
  }

  #pick(n: number): number {
    return Math.floor(this.#random() * n);
  }

  #kind(): Kind {
    let r = this.#random();
    for (const [k, share] of KINDS) if ((r -= share) < 0) return k;
    return 'sealed';
  }

  #freshId(): number {
    for (;;) {
      const id = 1 + this.#pick(0xfffffffe);
      if (!this.#usedIds.has(id)) {
        this.#usedIds.add(id);
        return id;
      }
    }
  }

  /** One packet's reports, one per gateway that heard it. */
  #packet(): MeshMessage[] {
    const k = this.#kind();
    const id = this.#freshId();
    const from = NODES[this.#pick(NODES.length)]!;
    const gateways = new Set<string>();
    for (const target = 5 + this.#pick(11); gateways.size < target;) {
      gateways.add(GATEWAYS[this.#pick(GATEWAYS.length)]!);
    }
    this.#packets += 1;
    // Every gateway forwards the same packet: its content is drawn once.
    const content = this.#pick(2 ** 31);
    const rxTime = 1_771_000_000 + Math.floor(this.#packets / 500);
    // A map report is published by the node itself to `<root>/2/map/`, once per interval.
    if (k === 'mapReport') {
      const options = { id, from, gatewayId: nodeIdOf(from), rxTime };
      return [{ topic: `${this.#root}/2/map/`, payload: this.#envelope(k, content, options) }];
    }
    return [...gateways].map((gatewayId) => {
      const options = {
        id,
        from,
        gatewayId,
        rxTime,
        rxSnr: -10 + this.#pick(20),
        rxRssi: -120 + this.#pick(60),
        hopLimit: this.#pick(4),
        hopStart: 3,
      };
      return {
        topic: topicFor({ root: this.#root, gatewayId }),
        payload: this.#envelope(k, content, options),
      };
    });
  }

  #envelope(
    k: Kind,
    content: number,
    options: EnvelopeOptions & { readonly from: number },
  ): Uint8Array {
    const { from } = options;
    const random = seededRandom(content);
    const pick = (n: number): number => Math.floor(random() * n);
    switch (k) {
      case 'telemetry':
        return telemetryEnvelope(
          {
            variant: {
              case: 'deviceMetrics',
              value: {
                batteryLevel: pick(101),
                voltage: 3.3 + random(),
                channelUtilization: random() * 40,
                airUtilTx: random() * 5,
                uptimeSeconds: pick(1_000_000),
              },
            },
          },
          options,
        );
      case 'position':
        return positionEnvelope(
          {
            latitudeI: 377749000 + pick(100_000),
            longitudeI: -1224194000 + pick(100_000),
            altitude: pick(500),
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
        return textEnvelope(`message ${options.id} ${'x'.repeat(pick(120))}`, options);
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
  }
}
