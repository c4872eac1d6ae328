import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildConfig } from './build-config.js';
import type { Config } from './config.js';
import { ConfigError } from './errors.js';
import { parseIni } from './ini/parse-ini.js';

/** The file {@link loadConfig} reads when no path is given, relative to the working directory. */
export const DEFAULT_CONFIG_PATH = 'config.ini';

/** What {@link loadConfig} reads and where it reports. */
export interface LoadConfigOptions {
  /** The INI file; {@link DEFAULT_CONFIG_PATH} by default. Named as given in messages. */
  readonly path?: string;
  /**
   * Whether a missing file is an error. By default it is when `path` is given, and is not for the
   * default path (then the built-in defaults apply and a warning says so).
   */
  readonly required?: boolean;
  /** Variables to take `MESHVIEW_<SECTION>__<KEY>` overrides from; `process.env` by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Receives warnings (unknown sections, keys and variables, a missing default file). */
  readonly warn?: (message: string) => void;
  /**
   * The working directory: a relative `path`, and a relative SQLite path in `connection_string`,
   * are resolved against it; `process.cwd()` by default.
   */
  readonly cwd?: string;
  /** The file reader, for tests; `node:fs/promises` by default. */
  readonly fs?: { readonly readFile: (path: string, encoding: 'utf8') => Promise<string> };
}

/**
 * Reads, parses and validates the configuration: the INI file (Python configparser's rules), then
 * `MESHVIEW_<SECTION>__<KEY>` environment overrides. Throws a {@link ConfigError}
 * (`CONFIG_FILE_NOT_FOUND`, `CONFIG_INI_*`, `CONFIG_INVALID_VALUE`, …) that names the file or
 * variable, section, key and line.
 *
 * @example
 * const config = await loadConfig({
 *   path: configPathFromArgv(process.argv.slice(2)),
 *   warn: (message) => logger.warn(message),
 * });
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<Config> {
  const {
    path,
    env = process.env,
    warn = (message: string) => console.warn(`warning: ${message}`),
    cwd = process.cwd(),
    fs = { readFile },
  } = options;
  const fileName = path ?? DEFAULT_CONFIG_PATH;
  const required = options.required ?? path !== undefined;
  const fullPath = resolve(cwd, fileName);

  let text: string;
  try {
    text = await fs.readFile(fullPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(
        'CONFIG_FILE_UNREADABLE',
        `${fileName}: cannot read the config file (${(error as Error).message})`,
        { cause: error },
      );
    }
    if (required) {
      throw new ConfigError(
        'CONFIG_FILE_NOT_FOUND',
        `${fileName}: the config file does not exist (looked for ${fullPath}); ` +
          'check the --config path',
        { cause: error },
      );
    }
    warn(
      `${fileName}: no config file at ${fullPath}; using the built-in defaults ` +
        '(pass --config PATH to use another file)',
    );
    return buildConfig({ env, warn, cwd });
  }
  return buildConfig({ ini: parseIni(text, fileName), env, warn, cwd });
}
