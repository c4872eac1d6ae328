import type { GenEnum } from '@bufbuild/protobuf/codegenv1';
import { Config, Mesh, Portnums } from './protobufs.js';

function enumName(schema: GenEnum<number>, value: number): string {
  return schema.value[value]?.name ?? `unknown(${value})`;
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

/** The `Config.DeviceConfig.Role` name as MeshView stores it (`CLIENT_MUTE`), or `unknown(N)`. */
export function roleName(role: number): string {
  return enumName(Config.Config_DeviceConfig_RoleSchema, role);
}
