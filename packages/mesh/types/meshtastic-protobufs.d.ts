/**
 * Narrow declarations for `@meshtastic/protobufs` 2.7.18, whose `types` entry points at a file
 * the tarball lacks (TS7016; see ../../../shared/reference/meshtastic-mqtt.md §5). They declare
 * exactly the messages and enums this package, the reader (which takes the schemas from this
 * package) and their test fixtures use, field for field as protobuf-es v2 generates them. Oneofs
 * list only the cases we read; the others still exist at runtime and pass through `toJson`
 * untouched. Enum-typed fields are plain numbers, because devices send values newer than any
 * enum we could list.
 *
 * This file is only seen by the compiler, and lives outside `src` so that one relative path
 * reaches it from `src/protobufs.ts` and from its declaration output in `dist/`: the reference
 * there is kept (`preserve`), so every program that uses the package's schemas sees it.
 */
declare module '@meshtastic/protobufs' {
  import type { Message } from '@bufbuild/protobuf';
  import type { GenEnum, GenMessage } from '@bufbuild/protobuf/codegenv1';

  export namespace Mqtt {
    /** meshtastic.ServiceEnvelope (mqtt.proto). */
    export type ServiceEnvelope = Message<'meshtastic.ServiceEnvelope'> & {
      packet?: Mesh.MeshPacket;
      channelId: string;
      gatewayId: string;
    };
    export const ServiceEnvelopeSchema: GenMessage<ServiceEnvelope>;

    /** meshtastic.MapReport (mqtt.proto). */
    export type MapReport = Message<'meshtastic.MapReport'> & {
      longName: string;
      shortName: string;
      role: number;
      hwModel: number;
      firmwareVersion: string;
      region: number;
      modemPreset: number;
      hasDefaultChannel: boolean;
      latitudeI: number;
      longitudeI: number;
      altitude: number;
      positionPrecision: number;
      numOnlineLocalNodes: number;
      hasOptedReportLocation: boolean;
    };
    export const MapReportSchema: GenMessage<MapReport>;
  }

  export namespace Mesh {
    /** meshtastic.MeshPacket (mesh.proto). */
    export type MeshPacket = Message<'meshtastic.MeshPacket'> & {
      from: number;
      to: number;
      channel: number;
      payloadVariant:
        | { value: Data; case: 'decoded' }
        | { value: Uint8Array; case: 'encrypted' }
        | { case: undefined; value?: undefined };
      id: number;
      rxTime: number;
      rxSnr: number;
      hopLimit: number;
      wantAck: boolean;
      priority: number;
      rxRssi: number;
      delayed: number;
      viaMqtt: boolean;
      hopStart: number;
      publicKey: Uint8Array;
      pkiEncrypted: boolean;
      nextHop: number;
      relayNode: number;
      txAfter: number;
      transportMechanism: number;
    };
    export const MeshPacketSchema: GenMessage<MeshPacket>;

    /** meshtastic.Data: a packet's decrypted content. */
    export type Data = Message<'meshtastic.Data'> & {
      portnum: number;
      payload: Uint8Array;
      wantResponse: boolean;
      dest: number;
      source: number;
      requestId: number;
      replyId: number;
      emoji: number;
      bitfield?: number;
    };
    export const DataSchema: GenMessage<Data>;

    /** meshtastic.User: the NODEINFO_APP payload. */
    export type User = Message<'meshtastic.User'> & {
      id: string;
      longName: string;
      shortName: string;
      macaddr: Uint8Array;
      hwModel: number;
      isLicensed: boolean;
      role: number;
      publicKey: Uint8Array;
      isUnmessagable?: boolean;
    };
    export const UserSchema: GenMessage<User>;

    /** meshtastic.Position: the POSITION_APP payload (the fields we read or build). */
    export type Position = Message<'meshtastic.Position'> & {
      latitudeI?: number;
      longitudeI?: number;
      altitude?: number;
      time: number;
      timestamp: number;
      satsInView: number;
      precisionBits: number;
    };
    export const PositionSchema: GenMessage<Position>;

    /** meshtastic.RouteDiscovery: the TRACEROUTE_APP payload. */
    export type RouteDiscovery = Message<'meshtastic.RouteDiscovery'> & {
      route: number[];
      snrTowards: number[];
      routeBack: number[];
      snrBack: number[];
    };
    export const RouteDiscoverySchema: GenMessage<RouteDiscovery>;

    /** meshtastic.Routing: the ROUTING_APP payload. */
    export type Routing = Message<'meshtastic.Routing'> & {
      variant:
        | { value: RouteDiscovery; case: 'routeRequest' }
        | { value: RouteDiscovery; case: 'routeReply' }
        | { value: number; case: 'errorReason' }
        | { case: undefined; value?: undefined };
    };
    export const RoutingSchema: GenMessage<Routing>;

    /** meshtastic.NeighborInfo: the NEIGHBORINFO_APP payload. */
    export type NeighborInfo = Message<'meshtastic.NeighborInfo'> & {
      nodeId: number;
      lastSentById: number;
      nodeBroadcastIntervalSecs: number;
      neighbors: Neighbor[];
    };
    export const NeighborInfoSchema: GenMessage<NeighborInfo>;

    /** meshtastic.Neighbor. */
    export type Neighbor = Message<'meshtastic.Neighbor'> & {
      nodeId: number;
      snr: number;
      lastRxTime: number;
      nodeBroadcastIntervalSecs: number;
    };
    export const NeighborSchema: GenMessage<Neighbor>;

    /** meshtastic.HardwareModel. */
    export const HardwareModelSchema: GenEnum<number>;
  }

  export namespace Telemetry {
    /** meshtastic.Telemetry: the TELEMETRY_APP payload (two of its variants typed). */
    export type Telemetry = Message<'meshtastic.Telemetry'> & {
      time: number;
      variant:
        | { value: DeviceMetrics; case: 'deviceMetrics' }
        | { value: EnvironmentMetrics; case: 'environmentMetrics' }
        | { case: undefined; value?: undefined };
    };
    export const TelemetrySchema: GenMessage<Telemetry>;

    /** meshtastic.DeviceMetrics. */
    export type DeviceMetrics = Message<'meshtastic.DeviceMetrics'> & {
      batteryLevel?: number;
      voltage?: number;
      channelUtilization?: number;
      airUtilTx?: number;
      uptimeSeconds?: number;
    };
    export const DeviceMetricsSchema: GenMessage<DeviceMetrics>;

    /** meshtastic.EnvironmentMetrics (the first fields). */
    export type EnvironmentMetrics = Message<'meshtastic.EnvironmentMetrics'> & {
      temperature?: number;
      relativeHumidity?: number;
      barometricPressure?: number;
    };
    export const EnvironmentMetricsSchema: GenMessage<EnvironmentMetrics>;
  }

  export namespace Config {
    /** meshtastic.Config.DeviceConfig.Role. */
    export const Config_DeviceConfig_RoleSchema: GenEnum<number>;
  }

  export namespace Portnums {
    /** meshtastic.PortNum. */
    export const PortNumSchema: GenEnum<number>;
  }

  export namespace Admin {
    /** meshtastic.SharedContact (admin.proto): what a node's contact link (QR code) carries. */
    export type SharedContact = Message<'meshtastic.SharedContact'> & {
      nodeNum: number;
      user?: Mesh.User;
      shouldIgnore: boolean;
      manuallyVerified: boolean;
    };
    export const SharedContactSchema: GenMessage<SharedContact>;
  }
}
