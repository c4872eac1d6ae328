/**
 * The deployment files as an operator gets them: docker-compose.yml, the Dockerfile, the broker's
 * access list and the systemd units, read and checked without a Docker engine. (`npm run
 * check:image`, in .ci/run, replays the Dockerfile and runs what it builds.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from '#test/free-port.js';
import { makeTempDir, repoRoot } from '#test/tmp.js';

const read = (path: string): string => readFileSync(join(repoRoot, path), 'utf8');

interface Healthcheck {
  readonly test?: readonly string[];
  readonly disable?: boolean;
  readonly interval?: string;
}
interface Dependency {
  readonly condition: string;
  readonly required?: boolean;
}
interface Service {
  readonly image?: string;
  readonly build?: string;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly profiles?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly volumes?: readonly string[];
  readonly depends_on?: Readonly<Record<string, Dependency>>;
  readonly healthcheck?: Healthcheck;
}
interface Compose {
  readonly services: Readonly<Record<string, Service>>;
  readonly volumes: Readonly<Record<string, unknown>>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
const { services } = compose;

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** The Dockerfile's stages: continuation lines joined, comments left out. */
function dockerfileStages(text: string): { from: string; instructions: Instruction[] }[] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const stages: { from: string; instructions: Instruction[] }[] = [];
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const [, keyword, args] = match as unknown as [string, string, string];
    if (keyword === 'FROM') stages.push({ from: args.trim(), instructions: [] });
    else stages.at(-1)?.instructions.push({ keyword, args: args.trim() });
  }
  return stages;
}

const stages = dockerfileStages(read('Dockerfile'));
const runtime = stages.at(-1)!;
const runtimeArgs = (keyword: string): string[] =>
  runtime.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

/** A path of the image (`/app/...`) as the repository file it comes from. */
const fromImage = (path: string): string => path.replace(/^\/app\//, '');

describe('docker-compose.yml', () => {
  it('runs the broker, the writer and the reader by default, PostgreSQL and the CLI in profiles', () => {
    expect(Object.keys(services).sort()).toEqual([
      'broker',
      'migrate',
      'postgres',
      'reader',
      'writer',
    ]);
    for (const name of ['broker', 'writer', 'reader']) {
      expect(services[name]!.profiles, name).toBeUndefined();
    }
    expect(services.postgres!.profiles).toEqual(['postgres']);
    expect(services.migrate!.profiles).toEqual(['tools']);
    expect(services.broker!.image).toBe('eclipse-mosquitto:2');
    expect(services.postgres!.image).toMatch(/^postgres:\d+/);
  });

  it('gives every long-running service a health check; the one-off CLI says it has none', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'migrate') {
        expect(service.healthcheck).toEqual({ disable: true });
        continue;
      }
      const test = service.healthcheck?.test;
      expect(test?.[0], name).toMatch(/^CMD(-SHELL)?$/);
      expect(test!.length, name).toBeGreaterThan(1);
    }
    // The apps' checks need node alone (slim images have no curl), with a script the image holds.
    for (const name of ['writer', 'reader']) {
      const test = services[name]!.healthcheck!.test!;
      expect(test.slice(0, 4)).toEqual(['CMD', 'node', '/app/scripts/healthcheck.js', name]);
      expect(existsSync(join(repoRoot, fromImage(test[2]!)))).toBe(true);
    }
    expect(services.postgres!.healthcheck!.test!.join(' ')).toContain('pg_isready');
    expect(services.broker!.healthcheck!.test!.join(' ')).toContain('mosquitto_pub');
  });

  it('starts the reader when the writer is healthy, the writer when the broker (and PostgreSQL) is', () => {
    expect(services.reader!.depends_on).toEqual({ writer: { condition: 'service_healthy' } });
    expect(services.writer!.depends_on).toEqual({
      broker: { condition: 'service_healthy' },
      // Only with the postgres profile; without it Compose leaves the dependency out.
      postgres: { condition: 'service_healthy', required: false },
    });
  });

  it('runs the apps and the CLI from one image, with config.ini mounted and the data volume', () => {
    expect(services.writer!.command).toEqual([
      'node',
      '/app/apps/writer',
      '--config',
      '/app/config.ini',
    ]);
    expect(services.reader!.command).toEqual([
      'node',
      '/app/apps/reader',
      '--config',
      '/app/config.ini',
    ]);
    expect(services.migrate!.entrypoint).toEqual([
      'node',
      '/app/apps/migrate/bin/meshview-migrate.js',
      '--config',
      '/app/config.ini',
    ]);
    for (const name of ['writer', 'reader', 'migrate']) {
      const service = services[name]!;
      expect(service.build, name).toBe('.');
      expect(service.image, name).toBe(services.writer!.image);
      expect(service.volumes, name).toEqual(['data:/data', './config.ini:/app/config.ini:ro']);
    }
    expect(Object.keys(compose.volumes).sort()).toEqual(['data', 'pgdata']);
    expect(services.postgres!.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
    for (const path of ['apps/writer/package.json', 'apps/reader/package.json']) {
      expect(existsSync(join(repoRoot, path)), path).toBe(true);
    }
  });

  it('points the apps at one database: SQLite in the volume, or the postgres profile through MESHVIEW_DB', () => {
    const key = 'MESHVIEW_DATABASE__CONNECTION_STRING';
    const value = services.writer!.environment![key];
    expect(value).toBe('${MESHVIEW_DB:-sqlite:////data/packets.db}');
    expect(services.reader!.environment![key]).toBe(value);
    expect(services.migrate!.environment![key]).toBe(value);
    // .env.example has the profile's lines, with the postgres service's user, host and database.
    const example = read('.env.example');
    expect(example).toMatch(/^# COMPOSE_PROFILES=postgres$/m);
    expect(example).toMatch(
      /^# MESHVIEW_DB=postgresql:\/\/meshview:meshview@postgres:5432\/meshview$/m,
    );
    expect(services.postgres!.environment).toMatchObject({
      POSTGRES_USER: 'meshview',
      POSTGRES_DB: 'meshview',
    });
  });

  it('mounts only files the repository holds', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const [source] = volume.split(':') as [string];
        if (!source.startsWith('./')) {
          expect(Object.keys(compose.volumes), `${name}: ${volume}`).toContain(source);
          continue;
        }
        expect(existsSync(join(repoRoot, source)), `${name}: ${source}`).toBe(true);
      }
    }
  });

  it('keeps the broker closed: no anonymous client, gateways publish, only the writer reads', () => {
    const conf = read('deploy/mosquitto/mosquitto.conf');
    expect(conf).toMatch(/^allow_anonymous false$/m);
    expect(conf).toMatch(/^password_file \S+$/m);
    expect(conf).toMatch(/^acl_file \S+$/m);
    // The default (1,000) drops acknowledged messages queued for a writer that lags.
    expect(Number(/^max_queued_messages (\d+)$/m.exec(conf)?.[1])).toBeGreaterThanOrEqual(100_000);
    const rules = read('deploy/mosquitto/acl')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    expect(rules).toEqual([
      'user gateway',
      'topic write msh/#',
      'user meshview',
      'topic read msh/#',
    ]);
    const writer = services.writer!.environment!;
    expect(writer.MESHVIEW_MQTT__SERVER).toBe('broker');
    expect(writer.MESHVIEW_MQTT__USERNAME).toBe('meshview');
    expect(writer.MESHVIEW_MQTT__PASSWORD).toMatch(/^\$\{MQTT_WRITER_PASSWORD:\?/);
    // Every password compose requires is in .env.example, empty, for the operator to set.
    const required = [...read('docker-compose.yml').matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]!);
    expect(new Set(required)).toEqual(new Set(['MQTT_GATEWAY_PASSWORD', 'MQTT_WRITER_PASSWORD']));
    for (const name of required)
      expect(read('.env.example')).toMatch(new RegExp(`^${name}=$`, 'm'));
    expect(services.broker!.command).toEqual(['sh', '/mosquitto/config/start.sh']);
    expect(read('deploy/mosquitto/start.sh')).toContain('exec mosquitto -c');
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs from a slim one on the same base image', () => {
    expect(stages.length).toBe(2);
    expect(stages[0]!.from).toBe('node:20-bookworm-slim AS build');
    expect(runtime.from).toBe('node:20-bookworm-slim');
    // The runtime stage runs nothing: it copies the build's gathered files and nothing else.
    expect(runtimeArgs('RUN')).toEqual([]);
    const copies = runtimeArgs('COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy).toMatch(/^--from=build /);
    expect(copies).toContain('--from=build --chown=node:node /app/.empty /data');
  });

  it('runs as the unprivileged user node, with the data volume and the git revision', () => {
    const users = runtimeArgs('USER');
    expect(users).toEqual(['node']);
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
    expect(runtimeArgs('VOLUME')).toEqual(['["/data"]']);
    expect(runtimeArgs('WORKDIR')).toEqual(['/data']);
    expect(runtimeArgs('ARG')).toContain('GIT_REVISION=unknown');
    expect(runtimeArgs('ENV')).toContain('MESHVIEW_GIT_REVISION=$GIT_REVISION');
  });

  it("fits V8's background threads to the container's CPUs, for every service run from the image", () => {
    expect(runtimeArgs('ENV')).toContain('NODE_OPTIONS=--v8-pool-size=0');
    for (const [name, service] of Object.entries(services)) {
      expect(service.environment?.NODE_OPTIONS, name).toBeUndefined();
    }
  });

  it('checks its health with node alone, and runs the writer by default', () => {
    const [healthcheck] = runtimeArgs('HEALTHCHECK');
    const command = JSON.parse(/CMD (\[.*\])$/.exec(healthcheck!)![1]!) as string[];
    expect(command).toEqual(['node', '/app/scripts/healthcheck.js', '--config', '/app/config.ini']);
    expect(runtimeArgs('ENV')).toContain('MESHVIEW_HEALTHCHECK=writer');
    expect(JSON.parse(runtimeArgs('CMD')[0]!)).toEqual(services.writer!.command);
    // The build stage puts the script where the HEALTHCHECK runs it.
    const build = stages[0]!.instructions.map((i) => i.args).join('\n');
    expect(build).toContain('cp -a scripts/healthcheck.js .runtime/scripts/');
  });
});

describe('deploy/systemd', () => {
  for (const [unit, app] of [
    ['meshview-writer.service', 'writer'],
    ['meshview-reader@.service', 'reader'],
  ] as const) {
    it(`${unit} runs the ${app} as its own user, restarted on failure, hardened`, () => {
      const text = read(`deploy/systemd/${unit}`);
      expect(text).toMatch(
        new RegExp(`^ExecStart=/usr/bin/node /opt/meshview/apps/${app} --config \\S+$`, 'm'),
      );
      for (const line of [
        'User=meshview',
        'Restart=on-failure',
        'NoNewPrivileges=yes',
        'ProtectSystem=strict',
        'ReadWritePaths=/var/lib/meshview',
        // V8's background threads fitted to the machine (scripts/start.js, the Dockerfile).
        'Environment=NODE_OPTIONS=--v8-pool-size=0',
      ]) {
        expect(text, line).toMatch(new RegExp(`^${line}$`, 'm'));
      }
    });
  }
});

describe('scripts/healthcheck.js', () => {
  /** Runs the healthcheck with these config overrides; its exit code and its line. */
  const check = (args: string[], env: Record<string, string>): { code: number; out: string } => {
    const result = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts/healthcheck.js'), ...args],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    return { code: result.status ?? -1, out: `${result.stdout}${result.stderr}`.trim() };
  };

  it('says the reader is unhealthy, exit 1, when nothing answers at its port', async () => {
    const port = await freePort();
    const { code, out } = check(['reader'], {
      MESHVIEW_SERVER__PORT: String(port),
      MESHVIEW_SERVER__BASE_PATH: '/mv',
    });
    expect(code).toBe(1);
    expect(out).toContain(`reader unhealthy: http://127.0.0.1:${port}/mv/ready`);
  });

  it("reads this host's writer row: written lately is healthy, stale or another host's is not", () => {
    const dir = makeTempDir('healthcheck');
    try {
      const file = join(dir, 'packets.db');
      const db = new Database(file);
      db.exec('CREATE TABLE writer_stats (writer_id VARCHAR PRIMARY KEY, updated_us BIGINT)');
      const env = { MESHVIEW_DATABASE__CONNECTION_STRING: `sqlite:///${file}` };
      const write = (id: string, ageS: number): void => {
        db.prepare('DELETE FROM writer_stats').run();
        db.prepare('INSERT INTO writer_stats VALUES (?, ?)').run(
          id,
          (Date.now() - ageS * 1000) * 1000,
        );
      };
      write('elsewhere:1', 0);
      expect(check(['writer'], env)).toMatchObject({ code: 1 });
      expect(check(['writer'], env).out).toContain(
        `no writer_stats row of a writer on ${hostname()}`,
      );
      write(`${hostname()}:1`, 2);
      expect(check(['writer'], env)).toEqual({ code: 0, out: 'writer healthy' });
      // The image's HEALTHCHECK gives no target: MESHVIEW_HEALTHCHECK, or the writer.
      expect(check([], env)).toEqual({ code: 0, out: 'writer healthy' });
      write(`${hostname()}:1`, 60);
      const stale = check(['writer'], env);
      expect(stale.code).toBe(1);
      expect(stale.out).toMatch(/last wrote its counters \d+ s ago \(more than 30 s\)/);
      expect(check(['writer', '--max-age-s', '600'], env).code).toBe(0);
      // `[mqtt] client_id` is the writer's id when set.
      write('gateway-writer', 0);
      expect(check(['writer'], { ...env, MESHVIEW_MQTT__CLIENT_ID: 'gateway-writer' }).code).toBe(
        0,
      );
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Seven node processes, each loading the config and the database layer.
  }, 120_000);
});
