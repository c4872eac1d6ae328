import type { FieldType } from './field-types/field-type.js';

/** How one config property is read: its INI key, its type and its default. */
export type FieldSpec<T> = FieldSpecBase<T> & FieldDefault<T>;

/** What every {@link FieldSpec} has. */
interface FieldSpecBase<T> {
  /** The INI key (lowercase, snake_case), e.g. `days_to_keep`. */
  readonly key: string;
  /**
   * Other spellings read as this key, for MeshView's quirks (`conversations` for `chat`,
   * `firehose_interal` for `firehose_interval`). When both are set, `key` wins.
   */
  readonly aliases?: readonly string[];
  readonly type: FieldType<T>;
  /**
   * The INI key of an earlier field of the same section whose value is the default instead,
   * e.g. `backup_hour` defaults to `hour`.
   */
  readonly defaultFrom?: string;
}

/** The value when the key is absent or empty (and the type does not accept empty). */
type FieldDefault<T> =
  | { readonly default: T }
  | {
      /**
       * The default as INI text, read by the field's type when the config is built, for a value
       * whose meaning depends on where it is read (a relative SQLite path).
       */
      readonly defaultText: string;
    };

/**
 * The schema of one INI section: a {@link FieldSpec} per property of `T`, whose types the compiler
 * checks against `T`. Property names are the camelCase of the INI keys.
 */
export type SectionSpec<T> = { readonly [K in keyof T]-?: FieldSpec<T[K]> };
