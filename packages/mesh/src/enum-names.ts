import type { GenEnum } from '@bufbuild/protobuf/codegenv1';
import { Config, Mesh, Portnums } from './protobufs.js';

const UNKNOWN = /^unknown\((\d+)\)$/;

function enumName(schema: GenEnum<number>, value: number): string {
  return schema.value[value]?.name ?? `unknown(${value})`;
}

function enumNumber(schema: GenEnum<number>, name: string): number | null {
  const unknown = UNKNOWN.exec(name);
  if (unknown) return Number(unknown[1]);
  return schema.values.find((v) => v.name === name)?.number ?? null;
}

/** The `PortNum` name (`TEXT_MESSAGE_APP`), or `unknown(N)` for a port the library lacks. */
export function portName(portnum: number): string {
  return enumName(Portnums.PortNumSchema, portnum);
}

/**
 * The `HardwareModel` name as MeshView stores it (`RAK4631`), or `unknown(N)` for a model
 * newer than the library.
 */
export function hwModelName(hwModel: number): string {
  return enumName(Mesh.HardwareModelSchema, hwModel);
}

/**
 * The `HardwareModel` number of a name {@link hwModelName} gives (`RAK4631`, `unknown(999)`); null
 * for a name that is neither.
 */
export function hwModelNumber(name: string): number | null {
  return enumNumber(Mesh.HardwareModelSchema, name);
}

/** The `Config.DeviceConfig.Role` name as MeshView stores it (`CLIENT_MUTE`), or `unknown(N)`. */
export function roleName(role: number): string {
  return enumName(Config.Config_DeviceConfig_RoleSchema, role);
}
