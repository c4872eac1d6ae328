import { parseArgs } from 'node:util';
import type { Config } from './config.js';
import { ConfigError } from './errors.js';
import { loadConfig } from './load-config.js';

/** What an app starts from: its validated config, its other options, and the config warnings. */
export interface AppConfig {
  readonly config: Config;
  /** The app's own `--name VALUE` options, by name. */
  readonly options: Readonly<Record<string, string | undefined>>;
  /** Warnings to log once the app's logger exists (unknown keys, a missing default file). */
  readonly warnings: readonly string[];
}

/**
 * An app's start: parses `--config PATH` and the app's own `--name VALUE` options from the
 * command line (anything else is a ConfigError naming it), then loads the config file and its
 * environment overrides.
 *
 * @example
 * const { config, options, warnings } = await loadAppConfig(process.argv.slice(2), ['migrations']);
 */
export async function loadAppConfig(
  argv: readonly string[],
  optionNames: readonly string[] = [],
): Promise<AppConfig> {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        ['config', ...optionNames].map((name) => [name, { type: 'string' as const }]),
      ),
      strict: true,
      allowPositionals: false,
    }));
  } catch (cause) {
    throw new ConfigError('CONFIG_ARGUMENT_INVALID', (cause as Error).message, { cause });
  }
  const options = Object.fromEntries(
    optionNames.map((name) => [name, typeof values[name] === 'string' ? values[name] : undefined]),
  );
  const warnings: string[] = [];
  const path = typeof values.config === 'string' ? values.config : undefined;
  const config = await loadConfig({
    ...(path !== undefined ? { path } : {}),
    warn: (message) => warnings.push(message),
  });
  return { config, options, warnings };
}
