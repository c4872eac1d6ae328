import { ConfigError } from './errors.js';

/**
 * The value of `--config PATH` or `--config=PATH` in command-line arguments (the last one wins),
 * or `undefined` when there is none; arguments after `--` are not looked at. Every app accepts
 * `--config`; pass the result to `loadConfig({ path })`.
 *
 * @example
 * configPathFromArgv(['--config', '/etc/meshview.ini', 'upgrade', 'head']); // '/etc/meshview.ini'
 * configPathFromArgv(process.argv.slice(2));
 */
export function configPathFromArgv(argv: readonly string[]): string | undefined {
  let path: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument === '--') break;
    if (argument.startsWith('--config=')) {
      path = argument.slice('--config='.length);
    } else if (argument === '--config') {
      path = argv[index + 1];
      index++;
    } else {
      continue;
    }
    if (path === undefined || path === '' || path.startsWith('-')) {
      throw new ConfigError(
        'CONFIG_ARGUMENT_MISSING',
        '--config needs a path, e.g. --config ./config.ini',
      );
    }
  }
  return path;
}
