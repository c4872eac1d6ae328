/**
 * Reading the API's `decoded` (protobuf JSON, typed `unknown`) without trusting its shape: each
 * reader returns the value when it has the expected type and `undefined` otherwise.
 */

/** A JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** `value` when it is a JSON object. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** `object[key]` when it is a finite number. */
export function numberField(object: JsonObject | undefined, key: string): number | undefined {
  const value = object?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `object[key]` when it is a string. */
export function stringField(object: JsonObject | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** `object[key]` when it is a boolean. */
export function booleanField(object: JsonObject | undefined, key: string): boolean | undefined {
  const value = object?.[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** The numbers of `object[key]` when it is an array (protobuf JSON leaves out empty ones). */
export function numberList(object: JsonObject | undefined, key: string): number[] {
  const value = object?.[key];
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

/** The objects of `object[key]` when it is an array. */
export function objectList(object: JsonObject | undefined, key: string): JsonObject[] {
  const value = object?.[key];
  if (!Array.isArray(value)) return [];
  return value.map(asObject).filter((v): v is JsonObject => v !== undefined);
}

/** `batteryLevel` → `battery level`: a readable name for a field we have no label for. */
export function humanise(key: string): string {
  return key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/(\D)(\d)/g, '$1 $2')
    .toLowerCase();
}

/** Base64 bytes (how protobuf JSON writes `bytes`) as lowercase hex, `separator` between bytes. */
export function base64ToHex(value: string, separator = ''): string {
  try {
    return Array.from(atob(value), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(
      separator,
    );
  } catch {
    return value;
  }
}
