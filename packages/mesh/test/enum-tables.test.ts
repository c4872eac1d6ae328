import { describe, expect, it } from 'vitest';
import type { GenEnum } from '@bufbuild/protobuf/codegenv1';
import { Config, Mesh, Portnums } from '../src/protobufs.js';

/** The tables src/enum-tables.ts holds: its export name, the enum and where it is declared. */
const TABLES: readonly { name: string; schema: GenEnum<number>; proto: string }[] = [
  { name: 'PORT_NUM_NAMES', schema: Portnums.PortNumSchema, proto: 'portnums.proto' },
  { name: 'HARDWARE_MODEL_NAMES', schema: Mesh.HardwareModelSchema, proto: 'mesh.proto' },
  { name: 'ROLE_NAMES', schema: Config.Config_DeviceConfig_RoleSchema, proto: 'config.proto' },
];

/** src/enum-tables.ts as the Meshtastic library's enums make it (Prettier's layout). */
function renderEnumTables(): string {
  const head = [
    '// Generated from @meshtastic/protobufs by packages/mesh/test/enum-tables.test.ts; after',
    '// upgrading the library, regenerate it: `npx vitest run packages/mesh/test/enum-tables.test.ts -u`.',
    '//',
    "// Plain tables rather than the library's enum schemas: the web pages name ports, and the",
    "// schemas would bring the protobuf runtime and the whole file descriptors into the pages'",
    '// bundle (issue 13, page weight).',
  ];
  const tables = TABLES.map(({ name, schema, proto }) => {
    const rows = schema.values.map((v) => `  ${v.number}: '${v.name}',`);
    return [
      '',
      `/** \`${schema.typeName}\` (${proto}): each value's name by its number. */`,
      `export const ${name}: Readonly<Record<number, string>> = {`,
      ...rows,
      '};',
    ].join('\n');
  });
  return `${[...head, ...tables].join('\n')}\n`;
}

describe('the enum name tables', () => {
  it("are the Meshtastic library's enums (regenerate with -u after an upgrade)", async () => {
    await expect(renderEnumTables()).toMatchFileSnapshot('../src/enum-tables.ts');
  });
});
