#!/usr/bin/env node
// `npm run demo`: MeshView on a simulated mesh, without a radio or a broker. In a fresh temporary
// folder it writes a config.ini (SQLite there, the embedded broker on this machine only), stores
// the last 48 hours of the simulated mesh through the writer's own code, starts the real writer
// and reader (as `npm start` does), publishes the mesh's live traffic to the writer's broker over
// MQTT, and prints the address to open. Ctrl-C (or SIGTERM) stops both and removes the folder.
//
//   npm run demo -- [--seed N] [--nodes N] [--port N] [--keep]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoConfigIni } from './demo/config-ini.js';
import { choosePort } from './demo/ports.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const HOURS = 48;
/** How many times busier than a real mesh the live traffic is: about a packet a second. */
const LIVE_PACE = 20;

const usage = 'usage: npm run demo -- [--seed N] [--nodes N] [--port N] [--keep]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      nodes: { type: 'string', default: '40' },
      port: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const integer = (name, min, max) => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name} must be an integer from ${min} to ${max}\n${usage}`);
    process.exit(2);
  }
  return value;
};
const seed = integer('seed', 0, 2 ** 31 - 1);
const nodeCount = integer('nodes', 6, 500);
const wantedHttpPort = args.port === undefined ? 8081 : integer('port', 1, 65_535);

for (const built of [
  'apps/writer/dist/main.js',
  'apps/reader/dist/main.js',
  'packages/sim/dist/index.js',
]) {
  if (!existsSync(join(root, built))) {
    console.error(`${built} is missing: build first with \`npm run build\` (npm install does it).`);
    process.exit(1);
  }
}
// The built packages, loaded once the build is known to be there.
const [{ fillHistory }, { startLiveTraffic }, { SIM_SECONDARY_KEY_BASE64 }] = await Promise.all([
  import('./demo/fill-history.js'),
  import('./demo/live-traffic.js'),
  import('@meshview/sim'),
]);

const folder = mkdtempSync(join(tmpdir(), 'meshview-demo-'));
const children = new Map();
let live;
let stopping = false;

/** Stops the live traffic and both apps, removes the folder (unless --keep), exits with `code`. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await live?.stop().catch(() => {});
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
        }),
    ),
  );
  if (args.keep) console.log(`Stopped. The demo's folder is kept: ${folder}`);
  else {
    rmSync(folder, { recursive: true, force: true });
    console.log('Stopped, and removed the demo folder.');
  }
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) {
      // A second Ctrl-C: do not wait for the apps.
      for (const child of children.values()) child.kill('SIGKILL');
      process.exit(130);
    }
    void stop(0);
  });
}

/** The last lines of an app's log, to show why it stopped. */
const logTail = (name) =>
  readFileSync(join(folder, `${name}.log`), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(-15)
    .join('\n');

/** Runs `node apps/<name> --config <config.ini>`, its output in `<name>.log` in the folder. */
function startApp(name, configFile) {
  const log = openSync(join(folder, `${name}.log`), 'a');
  const child = spawn(process.execPath, [join(root, 'apps', name), '--config', configFile], {
    cwd: folder,
    stdio: ['ignore', log, log],
  });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(
      `The ${name} stopped (${signal ?? `code ${code}`}); its last lines:\n${logTail(name)}`,
    );
    void stop(1);
  });
}

/** Waits until the reader answers /ready with 200 (the writer has migrated, the reader is up). */
async function waitUntilReady(url) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopping) {
    const ready = await fetch(`${url}ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!stopping) {
    console.error(
      `The reader did not get ready in 2 minutes; its last lines:\n${logTail('reader')}`,
    );
    await stop(1);
  }
}

try {
  const mqttPort = await choosePort(1883);
  const httpPort = await choosePort(wantedHttpPort, [mqttPort]);
  if (httpPort !== wantedHttpPort)
    console.log(`Port ${wantedHttpPort} is taken: using ${httpPort}.`);
  if (mqttPort !== 1883)
    console.log(`Port 1883 is taken (a Mosquitto?): the demo's broker uses ${mqttPort}.`);
  const configFile = join(folder, 'config.ini');
  const databaseFile = join(folder, 'packets.db');
  writeFileSync(
    configFile,
    demoConfigIni({ databaseFile, mqttPort, httpPort, secondaryKey: SIM_SECONDARY_KEY_BASE64 }),
  );
  console.log(`MeshView demo: a simulated mesh of ${nodeCount} nodes (seed ${seed}), in ${folder}`);

  console.log(`Storing the mesh's last ${HOURS} hours through the writer…`);
  const historyEndUs = Date.now() * 1000;
  const history = await fillHistory({
    url: `sqlite:///${databaseFile}`,
    seed,
    nodeCount,
    hours: HOURS,
    nowUs: historyEndUs,
    secondaryKey: SIM_SECONDARY_KEY_BASE64,
  });
  console.log(
    `Stored ${history.stored} packets and ${history.messages} gateway reports; starting the ` +
      'writer and the reader…',
  );

  startApp('writer', configFile);
  startApp('reader', configFile);
  const url = `http://127.0.0.1:${httpPort}/`;
  await waitUntilReady(url);
  if (stopping) await new Promise(() => {});

  const brokerUrl = `mqtt://127.0.0.1:${mqttPort}`;
  live = startLiveTraffic({
    brokerUrl,
    seed,
    nodeCount,
    pace: LIVE_PACE,
    startUs: Math.max(historyEndUs, Date.now() * 1000),
    onError: (error) => console.error(`MQTT: ${error.message}`),
  });
  console.log(`Open ${url} in a browser. Ctrl-C stops the demo.`);
  console.log(
    `Live: the simulated gateways publish about a packet a second to ${brokerUrl} (topics msh/US/bayarea/#).`,
  );
} catch (error) {
  console.error(`The demo could not start: ${error.stack ?? error}`);
  await stop(1);
}
