import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';

/**
 * A value of `schema`, or JSON `null` (a column that can be empty). A schema of one `type` becomes
 * `type: [type, 'null']` (what the serialiser writes fastest); any other, `anyOf` with null.
 */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const { type } = schema as { type?: unknown };
  return Type.Unsafe<Static<T> | null>(
    typeof type === 'string'
      ? { ...schema, type: [type, 'null'] }
      : { anyOf: [schema, Type.Null()] },
  );
}
