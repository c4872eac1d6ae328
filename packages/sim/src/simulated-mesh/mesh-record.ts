import type { TrafficMessage } from '../mesh-traffic.js';

/**
 * Which key a channel's packets are encrypted with: the default LongFast key, the simulated
 * mesh's secondary key (`SIM_SECONDARY_KEY_BASE64`, which the writer is given in `[mqtt]
 * secondary_keys`), or a key the writer never has (its packets stay undecryptable).
 */
export type KeyKind = 'default' | 'secondary' | 'unknown';

/** How a node moves: not at all, on foot around its town, or by car between two towns. */
export type Mobility = 'fixed' | 'walking' | 'driving';

/** One position a node sent, as it sent it (coordinates already reduced to `precisionBits`). */
export interface SimPosition {
  readonly packetId: number;
  readonly timeUs: number;
  readonly latitudeI: number;
  readonly longitudeI: number;
  /** Metres above sea level. */
  readonly altitude: number;
  /** 32 for a full-precision position, fewer for one blurred on purpose. */
  readonly precisionBits: number;
}

/** `Telemetry.device_metrics` as sent (floats already rounded to what float32 shows). */
export interface SimDeviceMetrics {
  readonly batteryLevel: number;
  readonly voltage: number;
  readonly channelUtilization: number;
  readonly airUtilTx: number;
  readonly uptimeSeconds: number;
}

/** `Telemetry.environment_metrics` as sent. */
export interface SimEnvironmentMetrics {
  /** °C. */
  readonly temperature: number;
  /** %. */
  readonly relativeHumidity: number;
  /** hPa. */
  readonly barometricPressure: number;
}

/** One telemetry packet a node sent: device metrics or environment metrics. */
export type SimTelemetry =
  | {
      readonly packetId: number;
      readonly timeUs: number;
      readonly kind: 'device';
      readonly device: SimDeviceMetrics;
    }
  | {
      readonly packetId: number;
      readonly timeUs: number;
      readonly kind: 'environment';
      readonly environment: SimEnvironmentMetrics;
    };

/** A node of the simulated mesh and everything it sent that a gateway heard. */
export interface SimNode {
  /** The node number (`from` of its packets). */
  readonly num: number;
  /** `!%08x`. */
  readonly id: string;
  readonly longName: string;
  readonly shortName: string;
  /** `HardwareModel` as the API names it (`RAK4631`). */
  readonly hwModel: string;
  readonly hwModelNumber: number;
  /** `Config.DeviceConfig.Role` as the API names it (`ROUTER`, `CLIENT_MUTE`). */
  readonly role: string;
  readonly roleNumber: number;
  /** The channel it sends on (its primary channel's name, the topic's channel). */
  readonly channel: string;
  readonly keyKind: KeyKind;
  /** Whether it uplinks what it hears to MQTT (`is_mqtt_gateway`). */
  readonly isGateway: boolean;
  /** The channels a gateway uplinks (its own first); empty for other nodes. */
  readonly gatewayChannels: readonly string[];
  readonly mobility: Mobility;
  /** `HopStart` of its packets. */
  readonly hopLimit: number;
  /** The public keys its NODEINFO announced, hex; two for the impersonated node. */
  readonly publicKeys: readonly string[];
  /** Positions in time order. */
  readonly positions: readonly SimPosition[];
  /** Telemetry in time order. */
  readonly telemetry: readonly SimTelemetry[];
}

/** One gateway's report of a packet, as the writer receives it. */
export interface SimReception {
  /** The gateway's node number. */
  readonly gateway: number;
  /** `!%08x` of the gateway (`ServiceEnvelope.gateway_id`). */
  readonly gatewayId: string;
  readonly topic: string;
  /** dB, a multiple of 0.25; 0 when the gateway sent the packet itself. */
  readonly rxSnr: number;
  /** dBm; 0 when the gateway sent the packet itself. */
  readonly rxRssi: number;
  readonly hopStart: number;
  readonly hopLimit: number;
  /** `MeshPacket.rx_time`, seconds. */
  readonly rxTime: number;
  /** When the writer takes it (µs): its `import_time_us`. */
  readonly importUs: number;
}

/** A neighbour in a NEIGHBORINFO packet. */
export interface SimNeighbor {
  readonly nodeId: number;
  /** dB, a multiple of 0.25. */
  readonly snr: number;
}

/** What a packet carries, by port. */
export type SimContent =
  | { readonly kind: 'text'; readonly text: string }
  | ({ readonly kind: 'position' } & Omit<SimPosition, 'packetId' | 'timeUs'> & {
        /** `Position.time`, seconds. */
        readonly time: number;
      })
  | {
      readonly kind: 'nodeinfo';
      readonly id: string;
      readonly longName: string;
      readonly shortName: string;
      readonly hwModel: string;
      readonly role: string;
      /** Hex. */
      readonly publicKey: string;
    }
  | { readonly kind: 'telemetry'; readonly time: number; readonly device: SimDeviceMetrics }
  | {
      readonly kind: 'telemetry';
      readonly time: number;
      readonly environment: SimEnvironmentMetrics;
    }
  | {
      readonly kind: 'traceroute';
      /** Node numbers between the requester and the destination. */
      readonly route: readonly number[];
      /** SNR of each hop towards the destination, dB × 4 (one more than `route`). */
      readonly snrTowards: readonly number[];
      /** Node numbers between the destination and the requester (replies only). */
      readonly routeBack: readonly number[];
      /** SNR of each hop back, dB × 4 (replies only). */
      readonly snrBack: readonly number[];
    }
  | {
      readonly kind: 'neighborinfo';
      readonly nodeId: number;
      readonly nodeBroadcastIntervalSecs: number;
      readonly neighbors: readonly SimNeighbor[];
    };

/** One packet as sent, and every gateway report of it (in time order). */
export interface SimPacket {
  readonly id: number;
  readonly from: number;
  /** A node number, or 4294967295 for broadcast. */
  readonly to: number;
  readonly portnum: number;
  /** The envelope's `channel_id` (the topic's channel). */
  readonly channel: string;
  readonly keyKind: KeyKind;
  /** Whether the writer, given `SIM_SECONDARY_KEY_BASE64`, decrypts it. */
  readonly decodable: boolean;
  /** When the sender sent it (µs). */
  readonly sentUs: number;
  readonly wantResponse: boolean;
  /** `Data.request_id`: the request a traceroute reply answers; 0 otherwise. */
  readonly requestId: number;
  /** `Data.reply_id`: the message a text replies to; 0 otherwise. */
  readonly replyId: number;
  readonly content: SimContent;
  readonly receptions: readonly SimReception[];
}

/** What the simulated mesh sent, for tests to compute what the API and pages must show. */
export interface MeshRecord {
  readonly seed: number;
  /** The window: packets sent in [startUs, nowUs). */
  readonly startUs: number;
  readonly nowUs: number;
  /** The topic root the gateways publish under. */
  readonly root: string;
  readonly nodes: readonly SimNode[];
  /** In the order they were sent. */
  readonly packets: readonly SimPacket[];
}

/** A simulated mesh: the MQTT messages in time order, and the record of what they hold. */
export interface SimulatedMesh {
  readonly nowUs: number;
  /** One message per gateway copy of a packet, ordered by `nowUs` (the import time). */
  readonly messages: readonly TrafficMessage[];
  readonly record: MeshRecord;
}
