import { Portnums } from '@meshview/mesh';

const NAMES = [
  'TEXT_MESSAGE_APP',
  'POSITION_APP',
  'NODEINFO_APP',
  'ROUTING_APP',
  'WAYPOINT_APP',
  'TELEMETRY_APP',
  'TRACEROUTE_APP',
  'NEIGHBORINFO_APP',
  'MAP_REPORT_APP',
] as const;

function portNumber(name: string): number {
  const value = Portnums.PortNumSchema.values.find((v) => v.name === name);
  if (value === undefined) throw new Error(`portnums.proto has no PortNum ${name}`);
  return value.number;
}

/**
 * The port numbers the simulated mesh sends on, read off portnums.proto's enum (the protocol's
 * own definition, not packages/mesh's table of the ports it decodes, so tests check that table).
 */
export const PORT = Object.freeze(
  Object.fromEntries(NAMES.map((name) => [name, portNumber(name)])) as Record<
    (typeof NAMES)[number],
    number
  >,
);
