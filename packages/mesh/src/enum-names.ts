import { HARDWARE_MODEL_NAMES, PORT_NUM_NAMES, ROLE_NAMES } from './enum-tables.js';

const UNKNOWN = /^unknown\((\d+)\)$/;

type EnumTable = Readonly<Record<number, string>>;

function enumName(table: EnumTable, value: number): string {
  return (Object.hasOwn(table, value) ? table[value] : undefined) ?? `unknown(${value})`;
}

function enumNumber(table: EnumTable, name: string): number | null {
  const unknown = UNKNOWN.exec(name);
  if (unknown) return Number(unknown[1]);
  const found = Object.entries(table).find(([, n]) => n === name);
  return found ? Number(found[0]) : null;
}

/** The `PortNum` name (`TEXT_MESSAGE_APP`), or `unknown(N)` for a port the library lacks. */
export function portName(portnum: number): string {
  return enumName(PORT_NUM_NAMES, portnum);
}

/**
 * The `HardwareModel` name as MeshView stores it (`RAK4631`), or `unknown(N)` for a model
 * newer than the library.
 */
export function hwModelName(hwModel: number): string {
  return enumName(HARDWARE_MODEL_NAMES, hwModel);
}

/**
 * The `HardwareModel` number of a name {@link hwModelName} gives (`RAK4631`, `unknown(999)`); null
 * for a name that is neither.
 */
export function hwModelNumber(name: string): number | null {
  return enumNumber(HARDWARE_MODEL_NAMES, name);
}

/** The `Config.DeviceConfig.Role` name as MeshView stores it (`CLIENT_MUTE`), or `unknown(N)`. */
export function roleName(role: number): string {
  return enumName(ROLE_NAMES, role);
}
