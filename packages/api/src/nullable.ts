import { Type, type TSchema } from 'typebox';

/** A value of `schema`, or JSON `null` (a column that can be empty). */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
