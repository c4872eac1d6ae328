import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildConfig,
  CONFIG_SCHEMA,
  ConfigValueError,
  parseIni,
  type Config,
} from '../src/index.js';

const fromIni = (text: string, warn: (message: string) => void = () => {}): Config =>
  buildConfig({ ini: parseIni(text, 'config.ini'), warn });

const valueError = (text: string): ConfigValueError => {
  try {
    fromIni(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValueError);
    expect((error as ConfigValueError).code).toBe('CONFIG_INVALID_VALUE');
    return error as ConfigValueError;
  }
  throw new Error('expected a ConfigValueError');
};

describe('buildConfig defaults', () => {
  it('gives every key its default without a file', () => {
    const config = buildConfig();
    expect(config.server).toEqual({
      bind: '127.0.0.1',
      port: 8081,
      tlsCert: null,
      tlsKey: null,
      acmeChallenge: null,
      trustProxy: false,
      basePath: '',
      streamPollMs: 1000,
      streamMaxBufferedBytes: 1_048_576,
    });
    expect(config.mqtt).toMatchObject({
      server: 'embedded',
      port: 1883,
      bind: '*',
      allowAnonymousSubscribe: false,
      topics: ['msh/#'],
      username: null,
      password: null,
      skipNodeIds: [],
      secondaryKeys: [],
      clientId: null,
      qos: 0,
      cleanSession: true,
      keepalive: 60,
      caFile: null,
      tls: false,
    });
    expect(config.database).toEqual({
      // sqlite+aiosqlite:///packets.db, relative to the working directory.
      connectionString: {
        dialect: 'sqlite',
        filename: resolve('packets.db'),
        params: {},
        display: resolve('packets.db'),
      },
      readerConnectionString: null,
      readerPoolSize: 4,
    });
    expect(config.migrations).toEqual({
      waitRetries: 30,
      waitDelayS: 2,
      lockLeaseS: 30,
      backupBeforeMigrate: 'auto',
    });
    expect(config.cleanup).toMatchObject({ enabled: false, daysToKeep: 14, hour: 2, minute: 0 });
    expect(config.metrics).toEqual({
      readerBind: '127.0.0.1',
      readerPort: 0,
      writerBind: '127.0.0.1',
      writerPort: 0,
    });
    expect(config.logging).toEqual({
      accessLog: false,
      dbCleanupLogfile: 'dbcleanup.log',
      level: 'info',
    });
    expect(config.snapshot).toEqual({ hour: 1, minute: 0 });
    expect(config.site).toMatchObject({ chat: true, firehoseInterval: 3, mapTopLeftLat: 39 });
  });

  it('is frozen all the way down', () => {
    const config = fromIni('[mqtt]\ntopics = ["a/#"]\n');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.mqtt)).toBe(true);
    expect(Object.isFrozen(config.mqtt.topics)).toBe(true);
    expect(Object.isFrozen(config.database.connectionString)).toBe(true);
  });

  it('names every property as the camelCase of its INI key', () => {
    for (const section of Object.values(CONFIG_SCHEMA)) {
      for (const [property, field] of Object.entries(section)) {
        const camel = (field as { key: string }).key.replace(/_(\w)/g, (_: string, c: string) =>
          c.toUpperCase(),
        );
        expect(property).toBe(camel);
      }
    }
  });

  it('defaults backup_hour and backup_minute to the cleanup time', () => {
    expect(fromIni('[cleanup]\nhour = 4\nminute = 30\n').cleanup).toMatchObject({
      backupHour: 4,
      backupMinute: 30,
    });
    expect(fromIni('[cleanup]\nhour = 4\nbackup_hour = 5\n').cleanup.backupHour).toBe(5);
  });

  it('reads an empty number or boolean as its default, and empty text as empty', () => {
    const config = fromIni('[server]\nport =\n[cleanup]\nvacuum =\n[site]\nmessage =\n');
    expect(config.server.port).toBe(8081);
    expect(config.cleanup.vacuum).toBe(false);
    expect(config.site.message).toBe('');
  });

  it('takes [DEFAULT] values for the sections in the file, as configparser does', () => {
    const config = fromIni('[DEFAULT]\nminute = 15\n[cleanup]\nhour = 3\n');
    expect(config.cleanup.minute).toBe(15);
    expect(config.snapshot.minute).toBe(0);
  });
});

describe('buildConfig types', () => {
  it('reads integers, floats and comma lists', () => {
    const config = fromIni(
      '[site]\nmap_top_left_lat = 39.5\nmap_top_left_lon = -123\nmap_interval = -1\n' +
        '[cleanup]\nminute = 00\n' +
        '[mqtt]\nskip_node_ids = 123, 0x1A, !a1b2c3d4,\nsecondary_keys = "AQ==", \'Ag==\' , 1PG7OiApB1nwvP+rz05pAQ==\n',
    );
    expect(config.site.mapTopLeftLat).toBe(39.5);
    expect(config.site.mapTopLeftLon).toBe(-123);
    expect(config.site.mapInterval).toBe(-1);
    expect(config.cleanup.minute).toBe(0);
    expect(config.mqtt.skipNodeIds).toEqual([123, 0x1a, 0xa1b2c3d4]);
    expect(config.mqtt.secondaryKeys).toEqual(['AQ==', 'Ag==', '1PG7OiApB1nwvP+rz05pAQ==']);
  });

  it('reads booleans as configparser getboolean does', () => {
    const read = (word: string) => fromIni(`[cleanup]\nenabled = ${word}\n`).cleanup.enabled;
    for (const word of ['1', 'yes', 'TRUE', 'True', 'on']) expect(read(word)).toBe(true);
    for (const word of ['0', 'No', 'false', 'OFF']) expect(read(word)).toBe(false);
    expect(valueError('[cleanup]\nenabled = maybe\n').expected).toContain('a boolean');
  });

  it('reads a JSON topics array, on one line or several', () => {
    expect(fromIni('[mqtt]\ntopics = ["msh/US/#", "msh/EU/#"]\n').mqtt.topics).toEqual([
      'msh/US/#',
      'msh/EU/#',
    ]);
    expect(fromIni('[mqtt]\ntopics = [\n  "a/#",\n  "b/#"\n  ]\n').mqtt.topics).toEqual([
      'a/#',
      'b/#',
    ]);
  });

  it('reads the additions', () => {
    const config = fromIni(
      '[server]\ntrust_proxy = 10.0.0.0/8, loopback\nbase_path = /meshview/\n' +
        'tls_cert = /etc/tls/chain.pem\ntls_key = /etc/tls/key.pem\n' +
        '[mqtt]\nserver = mqtts://broker.example:8883\nqos = 1\nclean_session = no\n' +
        'client_id = meshview-1\nca_file = /etc/ca.pem\ntls = yes\n' +
        'bind = 127.0.0.1\nallow_anonymous_subscribe = on\n' +
        '[database]\nreader_connection_string = postgres://ro@db/meshview\n' +
        '[cleanup]\nbackup_keep = 7\n[logging]\nlevel = WARNING\n' +
        '[migrations]\nwait_retries = 5\nwait_delay_s = 0.5\nlock_lease_s = 10\n' +
        'backup_before_migrate = true\n',
    );
    expect(config.server.trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
    expect(config.server.basePath).toBe('/meshview');
    expect(config.server).toMatchObject({
      tlsCert: '/etc/tls/chain.pem',
      tlsKey: '/etc/tls/key.pem',
    });
    expect(config.mqtt).toMatchObject({
      server: 'mqtts://broker.example:8883',
      qos: 1,
      cleanSession: false,
      clientId: 'meshview-1',
      caFile: '/etc/ca.pem',
      tls: true,
      bind: '127.0.0.1',
      allowAnonymousSubscribe: true,
    });
    expect(fromIni('[mqtt]\nbind = *\n').mqtt.bind).toBe('*');
    expect(fromIni('[mqtt]\nbind =\n').mqtt.bind).toBe('*');
    expect(config.database.readerConnectionString).toMatchObject({
      dialect: 'postgres',
      user: 'ro',
      host: 'db',
      database: 'meshview',
    });
    expect(config.cleanup.backupKeep).toBe(7);
    expect(config.logging.level).toBe('warn');
    expect(config.migrations).toEqual({
      waitRetries: 5,
      waitDelayS: 0.5,
      lockLeaseS: 10,
      backupBeforeMigrate: true,
    });
    expect(fromIni('[migrations]\nbackup_before_migrate = off\n').migrations).toMatchObject({
      backupBeforeMigrate: false,
    });
    expect(fromIni('[migrations]\nbackup_before_migrate = AUTO\n').migrations).toMatchObject({
      backupBeforeMigrate: 'auto',
    });
    expect(fromIni('[server]\ntrust_proxy = true\n').server.trustProxy).toBe(true);
    expect(fromIni('[mqtt]\nserver = Embedded\n').mqtt.server).toBe('embedded');
  });

  it("reads the event stream's poll period and byte limit, with their defaults", () => {
    expect(fromIni('').server).toMatchObject({
      streamPollMs: 1000,
      streamMaxBufferedBytes: 1_048_576,
    });
    const server = fromIni(
      '[server]\nstream_poll_ms = 250\nstream_max_buffered_bytes = 65536\n',
    ).server;
    expect(server).toMatchObject({ streamPollMs: 250, streamMaxBufferedBytes: 65_536 });
  });

  it("reads the reader's PostgreSQL pool size, 4 by default", () => {
    expect(fromIni('').database.readerPoolSize).toBe(4);
    expect(fromIni('[database]\nreader_pool_size = 16\n').database.readerPoolSize).toBe(16);
  });
});

describe('buildConfig value errors name file, section, key and value', () => {
  it('uses the documented message form', () => {
    const error = valueError('[server]\nport = abc\n');
    expect(error.message).toBe(
      'config.ini: [server] port = "abc" is not an integer from 0 to 65535 (line 2)',
    );
    expect(error).toMatchObject({
      source: 'config.ini',
      section: 'server',
      key: 'port',
      value: 'abc',
      line: 2,
    });
  });

  it.each([
    ['[server]\nport = 70000\n', 'server', 'port', '70000', 'an integer from 0 to 65535'],
    ['[server]\nbase_path = meshview\n', 'server', 'base_path', 'meshview', 'a URL path'],
    ['[server]\nstream_poll_ms = 0\n', 'server', 'stream_poll_ms', '0', 'an integer from 10'],
    ['[server]\nstream_poll_ms = 1s\n', 'server', 'stream_poll_ms', '1s', 'an integer from 10'],
    [
      '[database]\nreader_pool_size = 0\n',
      'database',
      'reader_pool_size',
      '0',
      'an integer from 1',
    ],
    ['[database]\nreader_pool_size = ten\n', 'database', 'reader_pool_size', 'ten', 'an integer'],
    [
      '[server]\nstream_max_buffered_bytes = -1\n',
      'server',
      'stream_max_buffered_bytes',
      '-1',
      'an integer from 1024',
    ],
    [
      '[server]\ntrust_proxy = proxy.example\n',
      'server',
      'trust_proxy',
      'proxy.example',
      'a boolean or',
    ],
    ['[site]\nnodes = sometimes\n', 'site', 'nodes', 'sometimes', 'a boolean'],
    [
      '[site]\nmap_top_left_lat = 95\n',
      'site',
      'map_top_left_lat',
      '95',
      'a number from -90 to 90',
    ],
    ['[site]\nmap_top_left_lon = west\n', 'site', 'map_top_left_lon', 'west', 'a number'],
    ['[site]\nmap_interval = 2.5\n', 'site', 'map_interval', '2.5', 'an integer'],
    ['[site]\nfirehose_interal = x\n', 'site', 'firehose_interal', 'x', 'an integer'],
    ['[mqtt]\ntopics = msh/#\n', 'mqtt', 'topics', 'msh/#', 'a JSON array of strings'],
    ['[mqtt]\ntopics = ["a", 1]\n', 'mqtt', 'topics', '["a", 1]', 'a JSON array of strings'],
    ['[mqtt]\nport = 1883.0\n', 'mqtt', 'port', '1883.0', 'an integer'],
    ['[mqtt]\nserver = http://broker\n', 'mqtt', 'server', 'http://broker', '"embedded"'],
    [
      '[mqtt]\nskip_node_ids = 1, bob\n',
      'mqtt',
      'skip_node_ids',
      '1, bob',
      'a comma-separated list',
    ],
    ['[mqtt]\nqos = 2\n', 'mqtt', 'qos', '2', 'one of 0, 1'],
    ['[mqtt]\nkeepalive = -1\n', 'mqtt', 'keepalive', '-1', 'an integer from 0'],
    [
      '[mqtt]\nallow_anonymous_subscribe = maybe\n',
      'mqtt',
      'allow_anonymous_subscribe',
      'maybe',
      'a boolean',
    ],
    [
      '[database]\nconnection_string = packets.db\n',
      'database',
      'connection_string',
      'packets.db',
      'a SQLite or PostgreSQL URL',
    ],
    [
      '[database]\nreader_connection_string = mysql://x\n',
      'database',
      'reader_connection_string',
      'mysql://x',
      'a SQLite or PostgreSQL URL',
    ],
    ['[cleanup]\nhour = 24\n', 'cleanup', 'hour', '24', 'an integer from 0 to 23'],
    [
      '[cleanup]\nbackup_minute = 60\n',
      'cleanup',
      'backup_minute',
      '60',
      'an integer from 0 to 59',
    ],
    ['[cleanup]\ndays_to_keep = -1\n', 'cleanup', 'days_to_keep', '-1', 'an integer of at least 0'],
    ['[logging]\naccess_log = y\n', 'logging', 'access_log', 'y', 'a boolean'],
    ['[logging]\nlevel = loud\n', 'logging', 'level', 'loud', 'one of fatal, error'],
    ['[snapshot]\nminute = 1e1\n', 'snapshot', 'minute', '1e1', 'an integer'],
    [
      '[migrations]\nwait_retries = 0\n',
      'migrations',
      'wait_retries',
      '0',
      'an integer of at least 1',
    ],
    [
      '[migrations]\nwait_delay_s = 0\n',
      'migrations',
      'wait_delay_s',
      '0',
      'a number greater than 0',
    ],
    [
      '[migrations]\nlock_lease_s = soon\n',
      'migrations',
      'lock_lease_s',
      'soon',
      'a number greater than 0',
    ],
    ['[metrics]\nreader_port = 70000\n', 'metrics', 'reader_port', '70000', 'an integer'],
    [
      '[migrations]\nbackup_before_migrate = please\n',
      'migrations',
      'backup_before_migrate',
      'please',
      'auto, or a boolean',
    ],
  ])('%j', (text, section, key, value, expected) => {
    const error = valueError(text);
    expect(error).toMatchObject({ source: 'config.ini', section, key, value, line: 2 });
    expect(error.message).toContain(
      `config.ini: [${section}] ${key} = ${JSON.stringify(value)} is not ${expected}`,
    );
  });

  it('says which list item or JSON part is wrong', () => {
    expect(valueError('[mqtt]\nskip_node_ids = 1, bob\n').message).toContain(
      '"bob" is not a node number',
    );
    expect(valueError('[mqtt]\ntopics = ["a", ""]\n').message).toContain(
      '"" is not a non-empty string',
    );
  });

  it('refuses an empty connection_string instead of using ./packets.db', () => {
    const error = valueError('[database]\nconnection_string =\n');
    expect(error.message).toBe(
      'config.ini: [database] connection_string = "" is not a SQLite or PostgreSQL URL such as ' +
        'sqlite+aiosqlite:///packets.db or postgresql://user:password@host/meshview; it is ' +
        'empty; give the database to use (line 2)',
    );
    // An empty reader_connection_string still means "use connection_string".
    expect(fromIni('[database]\nreader_connection_string =\n').database).toMatchObject({
      readerConnectionString: null,
    });
  });

  it.each(['sqlite://', 'sqlite:///:memory:'])(
    'refuses the in-memory form %s, naming the key, with the rule of the db package',
    (url) => {
      for (const key of ['connection_string', 'reader_connection_string']) {
        const error = valueError(`[database]\n${key} = ${url}\n`);
        expect(error).toMatchObject({ section: 'database', key });
        expect(error.message).toContain(`[database] ${key} = "${url}" is not a SQLite`);
        expect(error.message).toContain('an in-memory SQLite database is not supported');
        expect(error.message).toContain('give a file, e.g. sqlite:///packets.db');
      }
    },
  );

  it('checks connection strings with the db package parser, and hides their password', () => {
    const error = valueError('[database]\nconnection_string = postgresql://u:s3cret@db:port/x\n');
    expect(error.message).toBe(
      'config.ini: [database] connection_string = "postgresql://u:***@db:port/x" is not a ' +
        'SQLite or PostgreSQL URL such as sqlite+aiosqlite:///packets.db or ' +
        'postgresql://user:password@host/meshview; port "port" is not a valid port number (line 2)',
    );
    expect(error.value).not.toContain('s3cret');
  });

  it('parses connection strings once, into the target the apps open', () => {
    const ini = parseIni(
      '[database]\nconnection_string = sqlite:///data/packets.db\n' +
        'reader_connection_string = postgresql+asyncpg://ro:s3cret@db:5433/meshview\n',
      'config.ini',
    );
    const { database } = buildConfig({ ini, cwd: '/srv/meshview' });
    // SQLAlchemy's rule: three slashes are relative to the working directory.
    expect(database.connectionString).toEqual({
      dialect: 'sqlite',
      filename: '/srv/meshview/data/packets.db',
      params: {},
      display: '/srv/meshview/data/packets.db',
    });
    expect(database.readerConnectionString).toMatchObject({
      dialect: 'postgres',
      host: 'db',
      port: 5433,
      user: 'ro',
      password: 's3cret',
      database: 'meshview',
      display: 'postgresql+asyncpg://ro:***@db:5433/meshview',
    });
    // Plain data, so that it can go to the writer's ingest thread as it is.
    expect(structuredClone(database.readerConnectionString)).toEqual(
      database.readerConnectionString,
    );
    // The default file is relative to the working directory too.
    expect(buildConfig({ cwd: '/srv/meshview' }).database.connectionString).toMatchObject({
      filename: '/srv/meshview/packets.db',
    });
  });

  it('names [DEFAULT] when the bad value comes from there', () => {
    const error = valueError('[DEFAULT]\nhour = late\n[cleanup]\n');
    expect(error.message).toBe(
      'config.ini: [DEFAULT] hour = "late" is not an integer from 0 to 23 (line 2)',
    );
  });
});

describe('buildConfig quirks of MeshView', () => {
  it('reads conversations as chat', () => {
    expect(fromIni('[site]\nconversations = False\n').site.chat).toBe(false);
  });

  it('prefers chat when both are set, and warns about conversations', () => {
    const warnings: string[] = [];
    const config = fromIni('[site]\nconversations = False\nchat = True\n', (m) => warnings.push(m));
    expect(config.site.chat).toBe(true);
    expect(warnings).toEqual([
      'config.ini: [site] conversations is ignored because chat is also set (line 2)',
    ]);
  });

  it('reads firehose_interal as firehose_interval, the correct spelling winning', () => {
    expect(fromIni('[site]\nfirehose_interal = 7\n').site.firehoseInterval).toBe(7);
    expect(
      fromIni('[site]\nfirehose_interal = 7\nfirehose_interval = 9\n').site.firehoseInterval,
    ).toBe(9);
  });

  it('keeps bind = * as written', () => {
    expect(fromIni('[server]\nbind = *\n').server.bind).toBe('*');
  });
});

describe('buildConfig warnings', () => {
  it('warns about unknown sections and keys, naming file, section, key and line', () => {
    const warnings: string[] = [];
    const config = fromIni(
      '[server]\nprot = 1\nport = 2\n[sever]\nx = 1\n[Server]\n[mqtt]\ncolor = blue\n[DEFAULT]\nfoo = 1\n',
      (message) => warnings.push(message),
    );
    expect(config.server.port).toBe(2);
    expect(warnings).toEqual([
      'config.ini: unknown key [server] prot is ignored; did you mean port? (line 2)',
      'config.ini: unknown section [sever] is ignored; did you mean [server]? (line 4)',
      'config.ini: unknown section [Server] is ignored; did you mean [server]? (line 6)',
      'config.ini: unknown key [mqtt] color is ignored (line 8)',
      'config.ini: unknown key [DEFAULT] foo is ignored (line 10)',
    ]);
  });
});

describe('[site] map_tile_urls', () => {
  const topo = { name: 'Topo', url: 'https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png' };

  it('is an empty list unless set, and reads a JSON list over several lines', () => {
    expect(buildConfig().site.mapTileUrls).toEqual([]);
    expect(fromIni('[site]\nmap_tile_urls =\n').site.mapTileUrls).toEqual([]);
    const config = fromIni(
      `[site]\nmap_tile_urls = [\n    ${JSON.stringify(topo)},\n` +
        '    {"name": " Local ", "url": "http://127.0.0.1:8080/{z}/{x}/{y}.png",\n' +
        '     "attribution": " © Our own tiles "}\n  ]\n',
    );
    expect(config.site.mapTileUrls).toEqual([
      topo,
      {
        name: 'Local',
        url: 'http://127.0.0.1:8080/{z}/{x}/{y}.png',
        attribution: '© Our own tiles',
      },
    ]);
  });

  it.each([
    ['[{"name": "Topo"', 'JSON'],
    ['{"name": "Topo", "url": "https://t.example/{z}/{x}/{y}.png"}', 'it is not a JSON array'],
    [
      '["https://t.example/{z}/{x}/{y}.png"]',
      'entry 1: "https://t.example/{z}/{x}/{y}.png" is not an object',
    ],
    ['[{"url": "https://t.example/{z}/{x}/{y}.png"}]', 'entry 1: "name" is missing or empty'],
    ['[{"name": "Topo"}]', 'entry 1: "url" is missing or empty'],
    ['[{"name": "Topo", "url": "ftp://t.example/{z}/{x}/{y}.png"}]', 'is not an http or https URL'],
    ['[{"name": "Topo", "url": "/tiles/{z}/{x}/{y}.png"}]', 'is not an absolute URL'],
    ['[{"name": "Topo", "url": "https://t.example/{z}/{x}.png"}]', 'has no {y}'],
    [
      '[{"name": "A", "url": "https://a.example/{z}/{x}/{y}.png"}, {"name": "A", "url": "https://b.example/{z}/{x}/{y}.png"}]',
      'entry 2: the name "A" is used twice',
    ],
    [
      '[{"name": "A", "url": "https://a.example/{z}/{x}/{y}.png", "credit": "x"}]',
      'unknown key "credit" (keys: name, url, attribution)',
    ],
    [
      '[{"name": "A", "url": "https://a.example/{z}/{x}/{y}.png", "attribution": 1}]',
      'entry 1: "attribution" is not a string',
    ],
  ])('refuses %s, naming the key, file and line and saying why', (value, reason) => {
    const error = valueError(`[site]\ntitle = Mesh\nmap_tile_urls = ${value}\n`);
    expect(error).toMatchObject({
      source: 'config.ini',
      section: 'site',
      key: 'map_tile_urls',
      line: 3,
    });
    expect(error.message).toContain('config.ini: [site] map_tile_urls = ');
    expect(error.message).toContain('is not a JSON array of {"name": …');
    expect(error.message).toContain(reason);
  });
});
