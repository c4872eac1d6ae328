import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppConfig, type ConfigError } from '../src/index.js';
import { makeTempDir } from '#test/tmp.js';

describe('loadAppConfig', () => {
  it('reads --config and the app options, and collects warnings instead of printing them', async () => {
    const dir = makeTempDir('app-config');
    const file = join(dir, 'app.ini');
    writeFileSync(file, '[migrations]\nwait_retries = 7\nmystery = 1\n');
    const { config, options, warnings } = await loadAppConfig(
      ['--config', file, '--migrations=/tmp/scripts'],
      ['migrations'],
    );
    expect(config.migrations.waitRetries).toBe(7);
    expect(options).toEqual({ migrations: '/tmp/scripts' });
    expect(warnings.join('\n')).toContain('mystery');
  });

  it('refuses an option the app does not take, naming it', async () => {
    const error = (await loadAppConfig(['--verbose']).catch((e: unknown) => e)) as ConfigError;
    expect(error.code).toBe('CONFIG_ARGUMENT_INVALID');
    expect(error.message).toContain('--verbose');
  });
});
