import type { Config } from './config.js';
import { CONFIG_SCHEMA } from './config-schema.js';
import { readEnvOverrides, type EnvOverride } from './env-overrides.js';
import { ConfigValueError } from './errors.js';
import type { ParseContext } from './field-types/field-type.js';
import type { IniDocument } from './ini/ini-document.js';
import type { FieldSpec } from './section-spec.js';
import { warnUnknownKeys } from './warn-unknown-keys.js';

/** What {@link buildConfig} reads. */
export interface BuildConfigOptions {
  /** The parsed file; without it only the defaults and `env` apply. */
  readonly ini?: IniDocument;
  /** Variables to take `MESHVIEW_<SECTION>__<KEY>` overrides from; none by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Receives one message per unknown section, key or variable; ignored by default. */
  readonly warn?: (message: string) => void;
  /**
   * The working directory, which a relative SQLite path in `connection_string` is relative to;
   * `process.cwd()` by default.
   */
  readonly cwd?: string;
}

/** One raw value and where it came from, for error messages. */
interface RawValue {
  readonly value: string;
  /** The key as written (possibly an alias). */
  readonly key: string;
  /** The section as written (`DEFAULT` for values lent by `[DEFAULT]`). */
  readonly section: string;
  /** The file name or the environment variable. */
  readonly source: string;
  readonly line?: number;
}

/**
 * Validates a parsed INI document and environment overrides against {@link CONFIG_SCHEMA} and
 * returns the frozen {@link Config}. Pure but for the working directory (`cwd` spares even that);
 * {@link loadConfig} does the reading.
 *
 * For each key the value comes from, in order: its `MESHVIEW_<SECTION>__<KEY>` variable, the
 * file's section, the file's `[DEFAULT]` section (if the file has the section), the schema default. An alias (`conversations`,
 * `firehose_interal`) counts only where its key is not set. An empty value means the default,
 * except for text, lists and optional paths. A value of the wrong type throws a
 * {@link ConfigValueError} naming the file (or variable), section, key, value and line.
 */
export function buildConfig(options: BuildConfigOptions = {}): Config {
  const { ini, env = {}, warn = () => {} } = options;
  const context: ParseContext = { cwd: options.cwd ?? process.cwd() };
  if (ini) warnUnknownKeys(ini, warn);
  const overrides = readEnvOverrides(env, warn);

  const config: Record<string, unknown> = {};
  for (const [section, spec] of Object.entries(CONFIG_SCHEMA)) {
    const fields = Object.entries(spec) as [string, FieldSpec<unknown>][];
    const byKey = new Map<string, unknown>();
    const values: Record<string, unknown> = {};
    for (const [property, field] of fields) {
      const raw = findRaw(section, field, overrides.get(section), ini);
      const value =
        raw === undefined || (raw.value === '' && !field.type.acceptsEmpty)
          ? field.defaultFrom === undefined
            ? defaultOf(section, field, context)
            : byKey.get(field.defaultFrom)
          : parseRaw(raw, field, context);
      byKey.set(field.key, value);
      values[property] = value;
    }
    config[section] = Object.freeze(values);
  }
  return Object.freeze(config) as unknown as Config;
}

function findRaw(
  section: string,
  field: FieldSpec<unknown>,
  overrides: ReadonlyMap<string, EnvOverride> | undefined,
  ini: IniDocument | undefined,
): RawValue | undefined {
  const keys = [field.key, ...(field.aliases ?? [])];
  for (const key of keys) {
    const override = overrides?.get(key);
    if (override) return { value: override.value, key, section, source: override.variable };
  }
  const fileSection = ini?.sections.get(section)?.entries;
  // As in configparser, [DEFAULT] lends its keys to the sections the file has, not to others.
  for (const [name, entries] of [
    [section, fileSection],
    ['DEFAULT', fileSection && ini?.defaults],
  ] as const) {
    for (const key of keys) {
      const entry = entries?.get(key);
      if (entry && ini) {
        return { value: entry.value, key, section: name, source: ini.fileName, line: entry.line };
      }
    }
  }
  return undefined;
}

/** The field's default: its value, or its text read as the file's would be. */
function defaultOf(section: string, field: FieldSpec<unknown>, context: ParseContext): unknown {
  if ('default' in field) return field.default;
  const result = field.type.parse(field.defaultText, context);
  if (result.ok) return result.value;
  // Only a schema bug gets here: the built-in defaults are ours.
  const { key, defaultText, type } = field;
  throw new ConfigValueError(
    'built-in default',
    section,
    key,
    defaultText,
    type.expected,
    undefined,
    result.reason,
  );
}

function parseRaw(raw: RawValue, field: FieldSpec<unknown>, context: ParseContext): unknown {
  const result = field.type.parse(raw.value, context);
  if (result.ok) return result.value;
  throw new ConfigValueError(
    raw.source,
    raw.section,
    raw.key,
    field.type.display?.(raw.value) ?? raw.value,
    field.type.expected,
    raw.line,
    result.reason,
  );
}
