import { CONFIG_SCHEMA } from './config-schema.js';
import { didYouMean } from './did-you-mean.js';
import { knownKeys } from './known-keys.js';

/** One `MESHVIEW_<SECTION>__<KEY>` environment variable aimed at a known section and key. */
export interface EnvOverride {
  readonly variable: string;
  /** The INI key as named by the variable, lowercased (possibly an alias). */
  readonly key: string;
  readonly value: string;
}

const OVERRIDE = /^MESHVIEW_([a-z0-9]+)__(\w+)$/i;

/**
 * Picks the `MESHVIEW_<SECTION>__<KEY>` variables out of `env` (names matched case-insensitively)
 * and groups them by section and key. Variables naming an unknown section or key are reported
 * through `warn` and left out; other `MESHVIEW_*` variables are not overrides and are ignored.
 */
export function readEnvOverrides(
  env: Readonly<Record<string, string | undefined>>,
  warn: (message: string) => void,
): ReadonlyMap<string, ReadonlyMap<string, EnvOverride>> {
  const sections = new Map<string, Map<string, EnvOverride>>();
  for (const variable of Object.keys(env).sort()) {
    const value = env[variable];
    const match = OVERRIDE.exec(variable);
    if (value === undefined || !match) continue;
    const section = (match[1] ?? '').toLowerCase();
    const key = (match[2] ?? '').toLowerCase();

    const spec = (CONFIG_SCHEMA as Readonly<Record<string, object>>)[section];
    if (!spec) {
      warn(
        `${variable}: unknown section [${section}], the variable is ignored` +
          didYouMean(section, Object.keys(CONFIG_SCHEMA), (name) => `[${name}]`),
      );
      continue;
    }
    const keys = knownKeys(spec);
    if (!keys.has(key)) {
      warn(
        `${variable}: unknown key [${section}] ${key}, the variable is ignored` +
          didYouMean(key, keys.keys()),
      );
      continue;
    }
    const byKey = sections.get(section) ?? new Map<string, EnvOverride>();
    sections.set(section, byKey);
    const earlier = byKey.get(key);
    if (earlier) warn(`${earlier.variable}: ignored because ${variable} sets the same key`);
    byKey.set(key, { variable, key, value: value.trim() });
  }
  return sections;
}
