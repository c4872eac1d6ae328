import type { GenEnum } from '@bufbuild/protobuf/codegenv1';
import { Config, Mesh } from '@meshview/mesh';

function numberOf(schema: GenEnum<number>, name: string): number {
  const value = schema.values.find((v) => v.name === name);
  if (value === undefined) throw new Error(`${schema.typeName} has no value ${name}`);
  return value.number;
}

/** The `HardwareModel` number of a model name, read off mesh.proto's enum. */
export function hardwareNumber(name: string): number {
  return numberOf(Mesh.HardwareModelSchema, name);
}

/** The `Config.DeviceConfig.Role` number of a role name, read off config.proto's enum. */
export function roleNumber(name: string): number {
  return numberOf(Config.Config_DeviceConfig_RoleSchema, name);
}
