/** The `PortNum` values this package acts on (portnums.proto). */
export const PortNum = Object.freeze({
  UNKNOWN_APP: 0,
  TEXT_MESSAGE_APP: 1,
  POSITION_APP: 3,
  NODEINFO_APP: 4,
  ROUTING_APP: 5,
  TELEMETRY_APP: 67,
  TRACEROUTE_APP: 70,
  NEIGHBORINFO_APP: 71,
  MAP_REPORT_APP: 73,
} as const);
