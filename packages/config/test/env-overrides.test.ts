import { describe, expect, it } from 'vitest';
import { buildConfig, ConfigValueError, parseIni } from '../src/index.js';
import { catchError } from '#test/catch-error.js';

const ini = parseIni(
  '[database]\nconnection_string = sqlite:///file.db\n[server]\nport = 8081\n[site]\nchat = true\n',
  'config.ini',
);

describe('MESHVIEW_<SECTION>__<KEY> overrides', () => {
  it('override the file and the defaults', () => {
    const config = buildConfig({
      ini,
      env: {
        MESHVIEW_DATABASE__CONNECTION_STRING: 'postgresql://u:p@db/meshview',
        MESHVIEW_SERVER__PORT: ' 9000 ',
        MESHVIEW_MQTT__TOPICS: '["msh/EU/#"]',
        MESHVIEW_MIGRATIONS__WAIT_RETRIES: '3',
      },
    });
    expect(config.database.connectionString).toMatchObject({
      dialect: 'postgres',
      user: 'u',
      password: 'p',
      host: 'db',
      database: 'meshview',
    });
    expect(config.server.port).toBe(9000);
    expect(config.mqtt.topics).toEqual(['msh/EU/#']);
    expect(config.migrations.waitRetries).toBe(3);
  });

  it('match section and key case-insensitively, aliases included', () => {
    const config = buildConfig({
      ini,
      env: { MESHVIEW_Server__Bind: '*', meshview_site__conversations: 'off' },
    });
    expect(config.server.bind).toBe('*');
    expect(config.site.chat).toBe(false);
  });

  it('refuse an empty connection_string, naming the variable', () => {
    const error = catchError(() =>
      buildConfig({ ini, env: { MESHVIEW_DATABASE__CONNECTION_STRING: '' } }),
    );
    expect(error).toMatchObject({ code: 'CONFIG_INVALID_VALUE' });
    expect(error.message).toMatch(
      /^MESHVIEW_DATABASE__CONNECTION_STRING: \[database\] connection_string = "" is not .*; it is empty/,
    );
  });

  it('set an optional key to null with an empty value', () => {
    const withUser = parseIni('[mqtt]\nusername = meshdev\n', 'config.ini');
    expect(buildConfig({ ini: withUser, env: { MESHVIEW_MQTT__USERNAME: '' } }).mqtt.username).toBe(
      null,
    );
  });

  it('name the variable when the value is bad', () => {
    const build = () => buildConfig({ ini, env: { MESHVIEW_SERVER__PORT: 'abc' } });
    expect(build).toThrow(ConfigValueError);
    expect(build).toThrow(
      'MESHVIEW_SERVER__PORT: [server] port = "abc" is not an integer from 0 to 65535',
    );
    try {
      build();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'CONFIG_INVALID_VALUE',
        source: 'MESHVIEW_SERVER__PORT',
        section: 'server',
        key: 'port',
        value: 'abc',
        line: undefined,
      });
    }
  });

  it('warn about unknown sections and keys, and ignore other MESHVIEW_ variables', () => {
    const warnings: string[] = [];
    const config = buildConfig({
      ini,
      env: {
        MESHVIEW_SERVR__PORT: '1',
        MESHVIEW_SERVER__PROT: '2',
        MESHVIEW_MQTT__COLOR: 'blue',
        MESHVIEW_CONFIG: '/etc/meshview.ini',
        MESHVIEW_TEST_DB: 'x',
        PATH: '/usr/bin',
      },
      warn: (message) => warnings.push(message),
    });
    expect(config.server.port).toBe(8081);
    expect(warnings).toEqual([
      'MESHVIEW_MQTT__COLOR: unknown key [mqtt] color, the variable is ignored',
      'MESHVIEW_SERVER__PROT: unknown key [server] prot, the variable is ignored; did you mean port?',
      'MESHVIEW_SERVR__PORT: unknown section [servr], the variable is ignored; did you mean [server]?',
    ]);
  });
});
