#!/usr/bin/env node
// `npm run check:image` (and .ci/run): replays the Dockerfile where no Docker engine runs, and
// fails loudly when the image it describes would not work.
//
// 1. The build stage: the build context (the working tree's files that git does not ignore, less
//    .dockerignore's patterns, as Docker sends them) is copied into a scratch folder standing for
//    the build container's root, and the stage's WORKDIR, ENV, ARG, COPY . and RUN lines are
//    carried out there with /bin/sh, as Docker runs them. A RUN line with apt-get is skipped,
//    with a note, when the packages it installs are already installed (else run when root, else
//    an error): this machine stands for the build image. Other RUN lines must use paths relative
//    to WORKDIR.
// 2. The runtime stage, in an empty folder standing for the image's root: COPY --from=build
//    (contents, modes and times kept; --chown given to the unprivileged user), WORKDIR, ENV, ARG,
//    USER, VOLUME, EXPOSE, HEALTHCHECK and CMD. The image's absolute paths are taken inside that
//    folder. Nothing else is allowed there (a RUN in the runtime stage is an error: it would need
//    a root file system).
// 3. It starts the image's CMD (the writer) and docker-compose.yml's reader command from that
//    folder, as an unprivileged user (`nobody`, standing for the image's USER; run as root), with
//    the image's environment and compose-like overrides (free ports, all on 127.0.0.1, the
//    embedded broker, base_path /meshview), waits until the reader is ready, fetches a page and
//    /api/nodes, and runs the HEALTHCHECK command (writer) and compose's reader healthcheck, which
//    must pass, and compose's migration CLI (`current`, with the build's code cache, which that
//    user may not rewrite). It also checks that the app's files are not writable by that user, that the image
//    holds no sources or tests, and that both apps stop cleanly on SIGTERM.
//
// Options: --keep (leave the scratch folder), --user NAME (the unprivileged user; nobody),
// --reuse DIR (a scratch folder kept by --keep: its build stage is not run again).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const userIndex = process.argv.indexOf('--user');
const userName = userIndex > 0 ? process.argv[userIndex + 1] : 'nobody';
const reuseIndex = process.argv.indexOf('--reuse');
const reuse = reuseIndex > 0 ? process.argv[reuseIndex + 1] : undefined;
const started = Date.now();

function say(message) {
  const s = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[replay ${s}s] ${message}`);
}

class ReplayError extends Error {}
function fail(message) {
  throw new ReplayError(message);
}

// ---------------------------------------------------------------------------------------------
// The Dockerfile

/** The Dockerfile's instructions, continuation lines joined, comments left out, by stage. */
function parseDockerfile(text) {
  const stages = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (/^\s*(#|$)/.test(line)) continue;
    const at = i + 1;
    while (/\\\s*$/.test(line)) {
      line = line.replace(/\\\s*$/, '');
      // Comment lines inside a continued instruction are dropped, as Docker drops them.
      do i++;
      while (i < lines.length && /^\s*#/.test(lines[i]));
      if (i >= lines.length) fail(`Dockerfile:${at}: the file ends inside a continued line`);
      line += ` ${lines[i].trim()}`;
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) fail(`Dockerfile:${at}: cannot read ${JSON.stringify(line)}`);
    const keyword = match[1].toUpperCase();
    const args = match[2].trim();
    if (args.startsWith('<<')) fail(`Dockerfile:${at}: heredocs are not replayed`);
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) fail(`Dockerfile:${at}: cannot read FROM ${args}`);
      stages.push({ image: from[1], name: from[2] ?? null, at, instructions: [] });
      continue;
    }
    if (stages.length === 0) fail(`Dockerfile:${at}: ${keyword} before the first FROM`);
    stages.at(-1).instructions.push({ keyword, args, at });
  }
  return stages;
}

/** `--name=value` flags at the start of an instruction's arguments, and the rest. */
function splitFlags(args) {
  const flags = {};
  let rest = args;
  for (;;) {
    const match = /^--([a-z-]+)=(\S+)\s+/.exec(rest);
    if (!match) return { flags, rest };
    flags[match[1]] = match[2];
    rest = rest.slice(match[0].length);
  }
}

/** An exec-form (JSON array) command. */
function execForm(text, where) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    fail(`${where}: the command must be in exec form (a JSON array): ${text}`);
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string') || value.length === 0) {
    fail(`${where}: the command must be a JSON array of strings`);
  }
  return value;
}

/** `$NAME` and `${NAME}` in an instruction's argument, from the stage's ARG and ENV values. */
function substitute(text, env) {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name) => env[name] ?? '');
}

/** `NAME=value` (one or more) or the legacy `NAME value`. */
function parseAssignments(args, env) {
  if (!args.includes('=') || /^\S+\s+\S/.test(args.split('=')[0])) {
    const [name, ...value] = args.split(/\s+/);
    return [[name, substitute(value.join(' '), env)]];
  }
  const pairs = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (const match of args.matchAll(re)) {
    const raw = match[2].startsWith('"') ? JSON.parse(match[2]) : match[2];
    pairs.push([match[1], substitute(raw, env)]);
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// The build context

/** Docker's .dockerignore patterns as regular expressions over slash-separated relative paths. */
function dockerignore() {
  const file = join(repo, '.dockerignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((pattern) => {
      if (pattern.startsWith('!')) fail(`.dockerignore: exceptions (${pattern}) are not replayed`);
      const source = pattern
        .replace(/^\/+|\/+$/g, '')
        .split('/')
        .map((part) =>
          part === '**'
            ? '.*'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      // A pattern that matches a folder leaves out everything in it.
      return new RegExp(`^${source}(?:/.*)?$`);
    });
}

/** The files Docker would send as the build context: git's view of the tree, less .dockerignore. */
function contextFiles() {
  const out = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repo,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const ignore = dockerignore();
  return out
    .toString('utf8')
    .split('\0')
    .filter((file) => file && existsSync(join(repo, file)))
    .filter((file) => !ignore.some((re) => re.test(file)));
}

// ---------------------------------------------------------------------------------------------
// Running things

function sh(command, { cwd, env }) {
  const result = spawnSync('/bin/sh', ['-c', command], { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) fail(`RUN failed (exit ${result.status ?? result.signal}): ${command}`);
}

/** The packages an apt-get RUN line installs, when they are all installed already. */
function aptPackagesPresent(command) {
  const install = /apt-get\s+install\s+([^&;|]*)/.exec(command);
  if (!install) return [];
  const packages = install[1].split(/\s+/).filter((word) => word && !word.startsWith('-'));
  const missing = packages.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
  return missing.length === 0 ? packages : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------

async function main() {
  const dockerfile = join(repo, 'Dockerfile');
  const stages = parseDockerfile(readFileSync(dockerfile, 'utf8'));
  if (stages.length < 2) fail('the Dockerfile must have a build stage and a runtime stage');
  const runtime = stages.at(-1);
  const nodeMajor = process.versions.node.split('.')[0];
  for (const stage of stages) {
    const tag = /^node:(\d+)/.exec(stage.image);
    if (tag && tag[1] !== nodeMajor) {
      say(`note: ${stage.image} is Node ${tag[1]}, this machine runs Node ${nodeMajor}`);
    }
  }

  const user = spawnSync('id', ['-u', userName], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', userName], { encoding: 'utf8' });
  if (user.status !== 0) fail(`no user ${userName} on this machine (--user NAME)`);
  const uid = Number(user.stdout.trim());
  const gid = Number(group.stdout.trim());
  if (process.getuid?.() !== 0) {
    fail(
      'run this as root: it gives the data folder to an unprivileged user and runs the apps as it',
    );
  }

  const scratch = reuse ?? mkdtempSync(join(tmpdir(), 'meshview-image-'));
  // The unprivileged user must be able to reach the image's folder.
  chmodSync(scratch, 0o755);
  const buildRoot = join(scratch, 'build');
  const imageRoot = join(scratch, 'image');
  if (reuse) rmSync(imageRoot, { recursive: true, force: true });
  mkdirSync(buildRoot, { recursive: true });
  mkdirSync(imageRoot);
  const roots = new Map();
  const children = [];
  try {
    say(`scratch folder ${scratch}`);
    // --- the build stages (every stage but the last) ---
    for (const stage of stages.slice(0, -1)) {
      const root = join(buildRoot, stage.name ?? String(roots.size));
      roots.set(stage.name ?? String(roots.size), root);
      if (reuse) {
        if (!existsSync(root)) fail(`--reuse ${reuse}: no ${root}`);
        say(`stage ${stage.name ?? '(unnamed)'}: reused from ${root}`);
        continue;
      }
      mkdirSync(root, { recursive: true });
      say(`stage ${stage.name ?? '(unnamed)'} FROM ${stage.image}`);
      const env = { ...process.env };
      let cwd = root;
      for (const { keyword, args, at } of stage.instructions) {
        const where = `Dockerfile:${at}`;
        if (keyword === 'WORKDIR') {
          cwd = join(root, substitute(args, env));
          mkdirSync(cwd, { recursive: true });
        } else if (keyword === 'ENV') {
          for (const [name, value] of parseAssignments(args, env)) env[name] = value;
        } else if (keyword === 'ARG') {
          for (const [name, value] of parseAssignments(args, env)) env[name] ??= value;
        } else if (keyword === 'COPY') {
          const { flags, rest } = splitFlags(args);
          if (flags.from) fail(`${where}: COPY --from in a build stage is not replayed`);
          const parts = rest.split(/\s+/);
          if (parts.length !== 2 || parts[0] !== '.') {
            fail(`${where}: only COPY . <dest> is replayed in a build stage`);
          }
          const dest = parts[1].startsWith('/') ? join(root, parts[1]) : join(cwd, parts[1]);
          const files = contextFiles();
          say(`${where} COPY . ${parts[1]}: ${files.length} files of the build context`);
          for (const file of files) {
            mkdirSync(dirname(join(dest, file)), { recursive: true });
            cpSync(join(repo, file), join(dest, file), { preserveTimestamps: true });
          }
        } else if (keyword === 'RUN') {
          const command = args; // the shell expands variables itself, as in Docker
          if (/apt-get/.test(command)) {
            const present = aptPackagesPresent(command);
            if (present) {
              say(`${where} RUN apt-get …: skipped, installed here already: ${present.join(' ')}`);
              continue;
            }
            say(`${where} RUN apt-get … (installing, as root)`);
          } else if (/(^|[\s;&|(])\/(?!dev\/null)[\w.]/.test(command)) {
            fail(`${where}: a build-stage RUN line must use paths relative to WORKDIR: ${command}`);
          } else {
            say(`${where} RUN ${command.slice(0, 100)}${command.length > 100 ? ' …' : ''}`);
          }
          sh(command, { cwd, env });
        } else if (keyword === 'USER' || keyword === 'EXPOSE' || keyword === 'VOLUME') {
          fail(`${where}: ${keyword} in a build stage is not replayed`);
        } else {
          fail(`${where}: ${keyword} is not replayed`);
        }
      }
    }

    // --- the runtime stage ---
    say(`runtime stage FROM ${runtime.image}, in ${imageRoot}`);
    const imageEnv = {};
    const argEnv = { GIT_REVISION: gitRevision() };
    let workdir = '/';
    let imageUser = 'root';
    let cmd = null;
    let healthcheck = null;
    for (const { keyword, args, at } of runtime.instructions) {
      const where = `Dockerfile:${at}`;
      const vars = { ...argEnv, ...imageEnv };
      if (keyword === 'COPY') {
        const { flags, rest } = splitFlags(args);
        if (!flags.from) fail(`${where}: the runtime stage copies only from a build stage`);
        const root = roots.get(flags.from);
        if (!root) fail(`${where}: no stage named ${flags.from}`);
        const parts = rest.split(/\s+/).map((p) => substitute(p, vars));
        if (parts.length !== 2 || !parts.every((p) => p.startsWith('/'))) {
          fail(`${where}: COPY --from=${flags.from} takes one absolute source and destination`);
        }
        const [src, dest] = [join(root, parts[0]), join(imageRoot, parts[1])];
        if (!existsSync(src)) fail(`${where}: ${parts[0]} does not exist in stage ${flags.from}`);
        mkdirSync(dest, { recursive: true });
        // Docker copies a folder's contents; `cp -a` keeps modes, times and relative symlinks.
        if (statSync(src).isDirectory()) {
          execFileSync('cp', ['-a', `${src}/.`, dest]);
        } else {
          execFileSync('cp', ['-a', src, dest]);
        }
        if (flags.chown) {
          execFileSync('chown', ['-R', `${uid}:${gid}`, dest]);
          say(`${where} COPY ${parts[0]} ${parts[1]}, owned by ${userName} (for ${flags.chown})`);
        } else {
          say(`${where} COPY ${parts[0]} ${parts[1]}`);
        }
      } else if (keyword === 'WORKDIR') {
        workdir = substitute(args, vars);
        mkdirSync(join(imageRoot, workdir), { recursive: true });
      } else if (keyword === 'ENV') {
        for (const [name, value] of parseAssignments(args, vars)) imageEnv[name] = value;
      } else if (keyword === 'ARG') {
        for (const [name, value] of parseAssignments(args, vars)) argEnv[name] ??= value;
      } else if (keyword === 'USER') {
        imageUser = args;
      } else if (keyword === 'VOLUME' || keyword === 'EXPOSE') {
        // Nothing to do outside a container engine.
      } else if (keyword === 'HEALTHCHECK') {
        const { flags, rest } = splitFlags(args);
        const match = /^CMD\s+(.*)$/.exec(rest);
        if (!match) fail(`${where}: HEALTHCHECK must be CMD [...]`);
        healthcheck = { flags, command: execForm(match[1], where) };
      } else if (keyword === 'CMD') {
        cmd = execForm(args, where);
      } else {
        fail(`${where}: ${keyword} in the runtime stage is not replayed`);
      }
    }
    if (imageUser === 'root' || imageUser === '0') fail('the runtime stage runs as root');
    if (!cmd) fail('the runtime stage has no CMD');
    if (!healthcheck) fail('the runtime stage has no HEALTHCHECK');
    say(`the image runs as ${imageUser}; here as ${userName} (${uid}:${gid})`);
    checkImageFiles(imageRoot, uid, gid);

    // --- run it ---
    const compose = parseYaml(readFileSync(join(repo, 'docker-compose.yml'), 'utf8'));
    const readerCommand = compose.services?.reader?.command;
    const readerCheck = compose.services?.reader?.healthcheck?.test;
    if (!Array.isArray(readerCommand)) fail('docker-compose.yml: the reader has no command list');
    if (!Array.isArray(readerCheck) || readerCheck[0] !== 'CMD') {
      fail('docker-compose.yml: the reader has no healthcheck test ["CMD", ...]');
    }
    const [httpPort, mqttPort] = [await freePort(), await freePort()];
    const basePath = '/meshview';
    const env = {
      PATH: process.env.PATH,
      HOME: join(imageRoot, 'data'),
      ...imageEnv,
      MESHVIEW_SERVER__BIND: '127.0.0.1',
      MESHVIEW_SERVER__PORT: String(httpPort),
      MESHVIEW_SERVER__BASE_PATH: basePath,
      MESHVIEW_MQTT__SERVER: 'embedded',
      MESHVIEW_MQTT__BIND: '127.0.0.1',
      MESHVIEW_MQTT__PORT: String(mqttPort),
      MESHVIEW_MIGRATIONS__WAIT_RETRIES: '150',
    };
    const inImage = (args) => inImageRoot(imageRoot, args);
    const cwd = join(imageRoot, workdir);
    const run = (name, args) => {
      const [file, ...rest] = inImage(args);
      say(`starting the ${name}: ${args.join(' ')}`);
      const child = spawn(file, rest, { cwd, env, uid, gid, stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      child.stdout.on('data', (chunk) => (log += chunk));
      child.stderr.on('data', (chunk) => (log += chunk));
      const entry = { name, child, log: () => log, exit: null };
      child.on('exit', (code, signal) => (entry.exit = { code, signal }));
      children.push(entry);
      return entry;
    };
    const writer = run('writer (the image CMD)', cmd);
    const reader = run('reader (docker-compose.yml)', readerCommand);

    const base = `http://127.0.0.1:${httpPort}${basePath}`;
    await waitFor(`${base}/ready`, [writer, reader], 240_000);
    say(`${base}/ready answers 200`);
    for (const entry of [writer, reader]) checkUser(entry, uid);

    const page = await fetch(`${base}/nodelist`);
    const html = await page.text();
    if (page.status !== 200 || !/text\/html/.test(page.headers.get('content-type') ?? '')) {
      fail(`GET ${basePath}/nodelist: ${page.status} ${page.headers.get('content-type')}`);
    }
    if (!/<script[^>]+src=/.test(html)) fail(`GET ${basePath}/nodelist: no page app in ${html}`);
    say(`GET ${basePath}/nodelist: 200, the page app`);
    const nodes = await fetch(`${base}/api/nodes`);
    const body = await nodes.json();
    if (nodes.status !== 200 || !Array.isArray(body.nodes)) {
      fail(`GET ${basePath}/api/nodes: ${nodes.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    say(`GET ${basePath}/api/nodes: 200, ${body.nodes.length} nodes`);

    // Docker runs the check every interval and does not count failures in the start period:
    // the writer's first counters row comes 5 s after it starts ingesting.
    const as = { cwd, env, uid, gid };
    await healthy('HEALTHCHECK (the image, writer)', healthcheck.command, inImage, as);
    await healthy('docker-compose.yml reader healthcheck', readerCheck.slice(1), inImage, as);

    // The migration CLI (docker-compose.yml's migrate service) as the image's user, who may not
    // write its code cache: it runs with the one the build made, and leaves it as it was.
    const migrate = compose.services?.migrate?.entrypoint;
    if (!Array.isArray(migrate)) fail('docker-compose.yml: the migrate service has no entrypoint');
    const cache = join(imageRoot, 'app', 'apps', 'migrate', 'dist', 'meshview-migrate.cache');
    const cacheBefore = readFileSync(cache);
    const [cli, ...cliArgs] = inImage([...migrate, 'current']);
    const current = spawnSync(cli, cliArgs, { cwd, env, uid, gid, encoding: 'utf8' });
    if (current.status !== 0 || !/ \(head\)$/m.test(current.stdout)) {
      fail(`meshview-migrate current exited ${current.status}: ${current.stdout}${current.stderr}`);
    }
    if (!readFileSync(cache).equals(cacheBefore)) fail('meshview-migrate rewrote its code cache');
    say(`meshview-migrate current: ${current.stdout.trim()}, with the build's code cache`);

    for (const entry of [writer, reader]) {
      entry.child.kill('SIGTERM');
      const deadline = Date.now() + 30_000;
      while (!entry.exit && Date.now() < deadline) await sleep(100);
      if (!entry.exit) fail(`the ${entry.name} did not stop within 30 s of SIGTERM`);
      if (entry.exit.code !== 0) {
        fail(`the ${entry.name} exited ${JSON.stringify(entry.exit)} on SIGTERM:\n${entry.log()}`);
      }
      say(`the ${entry.name} stopped on SIGTERM, exit 0`);
    }
    const dataFiles = readdirSync(join(imageRoot, 'data'));
    if (!dataFiles.includes('packets.db')) fail(`no packets.db in /data: ${dataFiles.join(' ')}`);
    say(`/data holds ${dataFiles.join(' ')}`);
    say('the image works: PASSED');
  } finally {
    for (const { child, exit } of children) if (!exit) child.kill('SIGKILL');
    if (keep) say(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

function gitRevision() {
  const result = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

/** The image holds what runs and nothing else; its app files are not the user's to change. */
function checkImageFiles(imageRoot, uid, gid) {
  const app = join(imageRoot, 'app');
  for (const required of [
    'config.ini',
    'apps/web/dist/index.html',
    'apps/writer/dist/main.js',
    'apps/reader/dist/main.js',
    'apps/migrate/bin/meshview-migrate.js',
    'apps/migrate/bin/package.json',
    'apps/migrate/dist/meshview-migrate.cache',
    'migrations/dist/versions',
    'scripts/healthcheck.js',
  ]) {
    if (!existsSync(join(app, required))) fail(`the image lacks /app/${required}`);
  }
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(app, path);
      if (entry.isDirectory()) {
        // Compiled output and packages are what runs; a workspace's own src or test is not.
        if (['src', 'test', '.git'].includes(entry.name)) found.push(rel);
        else if (!['node_modules', 'dist'].includes(entry.name)) walk(path);
      } else if (statSync(path).uid === uid) {
        found.push(`${rel} (owned by the app's user)`);
      }
    }
  };
  walk(app);
  if (found.length > 0) fail(`the image holds what it should not: ${found.join(', ')}`);
  const probe = spawnSync(
    process.execPath,
    ['-e', 'require("fs").writeFileSync(process.argv[1], "x")', join(app, 'probe')],
    { uid, gid },
  );
  if (probe.status === 0) fail("the app's user can write in /app");
  const data = statSync(join(imageRoot, 'data'));
  if (data.uid !== uid) fail("/data is not the app's user's");
  say("image files: what runs only, /app read-only to the app's user, /data its own");
}

function checkUser(entry, uid) {
  const status = readFileSync(`/proc/${entry.child.pid}/status`, 'utf8');
  const real = /^Uid:\s+(\d+)/m.exec(status)?.[1];
  if (Number(real) !== uid) fail(`the ${entry.name} runs as uid ${real}, not ${uid}`);
}

async function waitFor(url, entries, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const entry of entries) {
      if (entry.exit) {
        fail(`the ${entry.name} exited ${JSON.stringify(entry.exit)}:\n${entry.log()}`);
      }
    }
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      fail(
        `${url} not ready after ${timeoutMs / 1000} s\n${entries.map((e) => `--- ${e.name}\n${e.log()}`).join('\n')}`,
      );
    }
    await sleep(1000);
  }
}

/** An image command's absolute paths that exist in the image, taken inside its folder. */
function inImageRoot(imageRoot, args) {
  return args.map((arg) =>
    arg.startsWith('/') && existsSync(join(imageRoot, arg)) ? join(imageRoot, arg) : arg,
  );
}

async function healthy(name, command, inImage, { cwd, env, uid, gid }) {
  const [file, ...args] = inImage(command);
  let last = '';
  for (let attempt = 1; attempt <= 12; attempt++) {
    const result = spawnSync(file, args, { cwd, env, uid, gid, encoding: 'utf8', timeout: 30_000 });
    last = `exit ${result.status ?? result.signal}: ${result.stdout}${result.stderr}`.trim();
    if (result.status === 0) {
      say(`${name}: ${command.join(' ')}: ${result.stdout.trim()}`);
      return;
    }
    say(`${name}: not yet (${last})`);
    await sleep(5000);
  }
  fail(`${name} fails: ${last}`);
}

main().catch((error) => {
  console.error(`\nREPLAY FAILED: ${error instanceof ReplayError ? error.message : error.stack}`);
  process.exitCode = 1;
});
