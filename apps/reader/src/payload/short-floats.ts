import { ScalarType, type DescMessage, type JsonValue } from '@bufbuild/protobuf';
import { shortestFloat32 } from './python-float.js';

type JsonObject = { [key: string]: JsonValue };

/**
 * Protobuf JSON of a message with its 32-bit `float` fields written with the fewest digits that
 * read back to the same float (`4.05`, not `4.050000190734863`), as the text format shows them.
 * Returns a new value; `json` is `toJson(schema, message)`.
 */
export function withShortFloats(schema: DescMessage, json: JsonValue): JsonValue {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const out: JsonObject = { ...json };
  for (const field of schema.fields) {
    const value = out[field.jsonName];
    if (value === undefined) continue;
    if (field.fieldKind === 'scalar' && field.scalar === ScalarType.FLOAT) {
      out[field.jsonName] = shortFloat(value);
    } else if (field.fieldKind === 'list' && field.listKind === 'scalar') {
      if (field.scalar === ScalarType.FLOAT && Array.isArray(value)) {
        out[field.jsonName] = value.map(shortFloat);
      }
    } else if (field.fieldKind === 'message') {
      out[field.jsonName] = withShortFloats(field.message, value);
    } else if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
      out[field.jsonName] = value.map((item) => withShortFloats(field.message, item));
    }
  }
  return out;
}

// NaN and the infinities are strings in protobuf JSON already.
const shortFloat = (value: JsonValue): JsonValue =>
  typeof value === 'number' ? shortestFloat32(value) : value;
