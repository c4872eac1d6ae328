/** Stable codes of the errors this package throws; tests and callers match on these. */
export type ConfigErrorCode =
  | 'CONFIG_INI_SYNTAX'
  | 'CONFIG_INI_NO_SECTION'
  | 'CONFIG_INI_DUPLICATE_SECTION'
  | 'CONFIG_INI_DUPLICATE_KEY'
  | 'CONFIG_INVALID_VALUE'
  | 'CONFIG_FILE_NOT_FOUND'
  | 'CONFIG_FILE_UNREADABLE'
  | 'CONFIG_ARGUMENT_MISSING'
  | 'CONFIG_ARGUMENT_INVALID';

/**
 * Every error this package throws: a stable `code`, a message that names the file (or environment
 * variable), section, key and line, and the underlying `cause` where there is one.
 */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';

  constructor(
    readonly code: ConfigErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The INI text breaks configparser's rules: a stray line, a key outside a section, a duplicate. */
export class IniSyntaxError extends ConfigError {
  override readonly name: string = 'IniSyntaxError';

  constructor(
    code: Extract<
      ConfigErrorCode,
      | 'CONFIG_INI_SYNTAX'
      | 'CONFIG_INI_NO_SECTION'
      | 'CONFIG_INI_DUPLICATE_SECTION'
      | 'CONFIG_INI_DUPLICATE_KEY'
    >,
    readonly fileName: string,
    readonly line: number,
    message: string,
  ) {
    super(code, `${fileName}: ${message} (line ${line})`);
  }
}

/** A value is not of its key's type, e.g. `config.ini: [server] port = "abc" is not an integer`. */
export class ConfigValueError extends ConfigError {
  override readonly name: string = 'ConfigValueError';

  constructor(
    /** The file name, or the environment variable the value came from. */
    readonly source: string,
    readonly section: string,
    readonly key: string,
    readonly value: string,
    /** What the key accepts, e.g. `an integer from 0 to 23`. */
    readonly expected: string,
    readonly line: number | undefined,
    reason?: string,
  ) {
    super(
      'CONFIG_INVALID_VALUE',
      `${source}: [${section}] ${key} = ${JSON.stringify(value)} is not ${expected}` +
        (reason ? `; ${reason}` : '') +
        (line === undefined ? '' : ` (line ${line})`),
    );
  }
}
