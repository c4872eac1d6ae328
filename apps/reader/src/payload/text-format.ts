import { ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { FeatureSet_FieldPresence } from '@bufbuild/protobuf/wkt';
import { cEscape } from './c-escape.js';
import { pythonFloat32Repr, pythonFloatRepr } from './python-float.js';

type Fields = Readonly<Record<string, unknown>>;

const utf8 = new TextEncoder();

/**
 * Renders a message as Python protobuf's `text_format.MessageToString(message)` does (what
 * MeshView's API shows as a packet's `payload`): the set fields in field-number order by their
 * proto (snake_case) names, enums by name (the number when unknown), nested messages in braces
 * indented by two, strings and bytes C-escaped, floats as Python prints them, one field a line.
 *
 * @example toTextFormat(Mesh.PositionSchema, position)
 * // 'latitude_i: 377749000\nlongitude_i: -1224194000\naltitude: 52\n'
 */
export function toTextFormat(schema: DescMessage, message: object): string {
  return renderFields(schema, message as Fields, '');
}

/** Each message type's fields in field-number order, sorted once. */
const fieldsInOrder = new WeakMap<DescMessage, readonly DescField[]>();

function renderFields(schema: DescMessage, message: Fields, indent: string): string {
  let out = '';
  let fields = fieldsInOrder.get(schema);
  if (fields === undefined) {
    fields = [...schema.fields].sort((a, b) => a.number - b.number);
    fieldsInOrder.set(schema, fields);
  }
  for (const field of fields) {
    const value = presentValue(field, message);
    if (value === undefined) continue;
    const values: readonly unknown[] = field.fieldKind === 'list' ? (value as unknown[]) : [value];
    for (const item of values) out += renderField(field, item, indent);
  }
  return out;
}

/** The field's value when Python's `ListFields` would list it, else undefined. */
function presentValue(field: DescField, message: Fields): unknown {
  if (field.oneof !== undefined) {
    const choice = message[field.oneof.localName] as { case?: string; value?: unknown } | undefined;
    return choice?.case === field.localName ? choice.value : undefined;
  }
  const value = message[field.localName];
  switch (field.fieldKind) {
    case 'list':
      return (value as unknown[]).length > 0 ? value : undefined;
    case 'map':
      return Object.keys(value as object).length > 0 ? value : undefined;
    case 'message':
      return value ?? undefined;
    default:
      if (value === undefined) return undefined;
      // IMPLICIT: proto3 fields without `optional`, present when not default.
      return field.presence === FeatureSet_FieldPresence.IMPLICIT && isDefault(value)
        ? undefined
        : value;
  }
}

function isDefault(value: unknown): boolean {
  if (value instanceof Uint8Array) return value.length === 0;
  return value === 0 || value === 0n || value === false || value === '';
}

function renderField(field: DescField, value: unknown, indent: string): string {
  const message =
    field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message');
  if (message && field.message !== undefined) {
    const body = renderFields(field.message, value as Fields, `${indent}  `);
    return `${indent}${field.name} {\n${body}${indent}}\n`;
  }
  return `${indent}${field.name}: ${renderScalar(field, value)}\n`;
}

function renderScalar(field: DescField, value: unknown): string {
  if (field.enum !== undefined) {
    const known = field.enum.values.find((v) => v.number === value);
    return known?.name ?? String(value);
  }
  switch (field.scalar) {
    case ScalarType.DOUBLE:
      return pythonFloatRepr(value as number);
    case ScalarType.FLOAT:
      return pythonFloat32Repr(value as number);
    case ScalarType.BOOL:
      return value ? 'true' : 'false';
    case ScalarType.STRING:
      return `"${cEscape(utf8.encode(value as string))}"`;
    case ScalarType.BYTES:
      return `"${cEscape(value as Uint8Array)}"`;
    default:
      return String(value);
  }
}
