#!/usr/bin/env node
// The image's HEALTHCHECK (and a probe for systemd hosts), with node alone: slim images have no
// curl. Exit 0 when healthy, 1 when not, with one line saying why (Docker keeps it in
// `docker inspect`).
//
//   node scripts/healthcheck.js reader [--config PATH]
//     GET the reader's /ready (address, port, TLS and base_path from the config): 200 is healthy;
//     503 while the schema is not current or a migration runs (docs/API.md).
//   node scripts/healthcheck.js writer [--config PATH] [--max-age-s 30]
//     The writer has no HTTP port. Once its schema is current and it ingests, it writes its
//     counters to its `writer_stats` row every 5 s (docs/WRITER.md): healthy when this host's
//     writer row (or the one of `[mqtt] client_id`) was written in the last 30 s. So it says the
//     writer migrated, its event loop runs and the database takes its writes; not that a broker
//     is connected (the `reconnects` counter and the log say that).
//
// The target is the first argument, else MESHVIEW_HEALTHCHECK, else `writer` (the image's
// default command). The config is read as the apps read it, environment overrides included.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { hostname } from 'node:os';
import { loadAppConfig } from '@meshview/config';

const TIMEOUT_MS = 5000;

/** The address to reach a listener bound to `bind` from this machine. */
function localAddress(bind) {
  const host = bind.trim();
  if (['', '*', '::', '0.0.0.0'].includes(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** GET the reader's /ready; resolves to why it is unhealthy, or undefined. */
function checkReader(config) {
  const { bind, port, tlsCert, basePath } = config.server;
  const url = `${tlsCert ? 'https' : 'http'}://${localAddress(bind)}:${port}${basePath}/ready`;
  const request = tlsCert ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    // The certificate names the public host, not this loopback address: liveness, not identity.
    const req = request(url, { timeout: TIMEOUT_MS, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        let reason = body.slice(0, 300);
        try {
          reason = JSON.parse(body).reason ?? reason;
        } catch {
          // not JSON (a proxy's page, say): the start of the body says enough
        }
        resolve(res.statusCode === 200 ? undefined : `${url}: ${res.statusCode} ${reason}`);
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
    req.on('error', (error) => resolve(`${url}: ${error.message}`));
    req.end();
  });
}

/** Reads this writer's `writer_stats` row; resolves to why it is unhealthy, or undefined. */
async function checkWriter(config, maxAgeS) {
  const { openDatabase } = await import('@meshview/db');
  const target = config.database.connectionString;
  const handle = await openDatabase(target, { readOnly: true });
  try {
    // The writer's id is `[mqtt] client_id`, or `<host name>:<pid>` (start-ingest.ts); a table
    // holds a row per writer that ever ran, a handful.
    const { clientId } = config.mqtt;
    const prefix = `${hostname()}:`;
    const rows = (
      await handle.db
        .selectFrom('writer_stats')
        .select(['writer_id', 'updated_us'])
        .orderBy('updated_us', 'desc')
        .execute()
    ).filter((row) => (clientId ? row.writer_id === clientId : row.writer_id.startsWith(prefix)));
    const who = clientId ? `writer ${clientId}` : `a writer on ${hostname()}`;
    if (rows.length === 0) return `${target.display}: no writer_stats row of ${who} yet`;
    const ageS = (Date.now() * 1000 - Number(rows[0].updated_us)) / 1e6;
    if (ageS > maxAgeS) {
      return `${target.display}: ${rows[0].writer_id} last wrote its counters ${Math.round(ageS)} s ago (more than ${maxAgeS} s)`;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const target =
    args[0] && !args[0].startsWith('-')
      ? args.shift()
      : (process.env.MESHVIEW_HEALTHCHECK ?? 'writer');
  const { config, options } = await loadAppConfig(args, ['max-age-s']);
  let problem;
  if (target === 'reader') {
    problem = await checkReader(config);
  } else if (target === 'writer') {
    const maxAgeS = Number(options['max-age-s'] ?? 30);
    if (!(maxAgeS > 0)) throw new Error(`--max-age-s must be a positive number of seconds`);
    problem = await checkWriter(config, maxAgeS);
  } else {
    throw new Error(`unknown target ${JSON.stringify(target)}: reader or writer`);
  }
  if (problem) {
    console.log(`${target} unhealthy: ${problem}`);
    process.exit(1);
  }
  console.log(`${target} healthy`);
  process.exit(0);
}

main().catch((error) => {
  console.log(`healthcheck failed: ${error.message ?? String(error)}`);
  process.exit(1);
});
