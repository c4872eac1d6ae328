/**
 * The reader benchmark's database: a SQLite file of a busy mesh's two weeks, built once and
 * reused (a `.done` file beside it says it is complete). Base rows are written with prepared
 * better-sqlite3 INSERTs in large transactions, secondary indexes dropped meanwhile and rebuilt
 * after; the statistics roll-ups are then counted by their own migration (b7d9f1a3c5e8), the way
 * it back-fills any existing database, so they agree with the rows.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DAY_US, HOUR_US, openDatabase } from '@meshview/db';
import { createKeyRing, interpretEnvelope } from '@meshview/mesh';
import { createMeshviewMigrator } from '@meshview/migrations';
import { down_revision as ROLLUPS_PARENT } from '../migrations/versions/b7d9f1a3c5e8_stats_rollups.js';
import { PORT_SHARES, pickWeighted } from './port-mix.js';
import { scriptsHead } from './scripts-head.js';
import { meshTraffic, seededRandom } from '@meshview/sim';

/** The database's size and shape. */
export interface ReaderDatabaseSpec {
  readonly packets: number;
  /** Receptions per packet on average (5 to 15 around 10 by default). */
  readonly gatewaysPerPacket: number;
  readonly nodes: number;
  readonly gateways: number;
  readonly days: number;
  /** The newest import time (µs); the rows go back `days` from it. */
  readonly nowUs: number;
}

const BROADCAST = 0xffffffff;
/**
 * The generator's version, part of the cached database's fingerprint. 2: a random generator that
 * does not repeat (version 1's made only 342 of 2,000 nodes send and 84 receive).
 */
const GENERATOR = 2;

const CHANNELS: readonly [string, number][] = [
  ['LongFast', 0.72],
  ['MediumFast', 0.14],
  ['ShortFast', 0.08],
  ['MediumSlow', 0.04],
  ['PKI', 0.02],
];
const HW = ['HELTEC_V3', 'RAK4631', 'TBEAM', 'T_ECHO', 'STATION_G2', 'HELTEC_WIRELESS_TRACKER'];
const ROLES = ['CLIENT', 'CLIENT', 'CLIENT', 'CLIENT_MUTE', 'ROUTER', 'ROUTER_LATE'];

/**
 * Opens (building it first when missing or incomplete) the benchmark database at `path`;
 * returns its `sqlite:` URL.
 */
export async function readerDatabase(
  path: string,
  spec: ReaderDatabaseSpec,
  log: (line: string) => void,
): Promise<string> {
  const url = `sqlite:///${path}`;
  const done = `${path}.done`;
  mkdirSync(dirname(path), { recursive: true });
  // A chain with another revision before the roll-ups', or another head, makes another database.
  const head = await scriptsHead(`${path}.head-probe`);
  const fingerprint = JSON.stringify({
    ...spec,
    base: ROLLUPS_PARENT,
    head,
    generator: GENERATOR,
  });
  if (existsSync(done) && readFileSync(done, 'utf8') === fingerprint) {
    log(`reusing ${path}`);
    return url;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`, done]) rmSync(file, { force: true });

  const started = Date.now();
  const handle = await openDatabase(url);
  const migrator = await createMeshviewMigrator({ dialect: 'sqlite', db: handle.db });
  await migrator.upgrade(String(ROLLUPS_PARENT));
  await handle.close();

  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  fill(sqlite, spec, log);
  sqlite.close();
  log(`base rows written in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const counting = Date.now();
  const again = await openDatabase(url);
  const migrate = await createMeshviewMigrator({ dialect: 'sqlite', db: again.db });
  await migrate.upgrade('head');
  await again.close();
  const analyze = new BetterSqlite3(path);
  analyze.exec('ANALYZE');
  analyze.pragma('wal_checkpoint(TRUNCATE)');
  analyze.close();
  log(`migrated to head (roll-ups counted) in ${((Date.now() - counting) / 1000).toFixed(0)} s`);
  writeFileSync(done, fingerprint);
  return url;
}

/** Real stored payloads (serialized MeshPackets) per port, from the test traffic's envelopes. */
function payloadTemplates(): Map<number, Buffer> {
  const keyRing = createKeyRing([]);
  const templates = new Map<number, Buffer>();
  for (const m of meshTraffic(Date.now() * 1000).messages) {
    const r = interpretEnvelope(m.topic, m.payload, {
      keyRing,
      skipNodeIds: new Set(),
      nowUs: m.nowUs,
    });
    if (r.kind !== 'packet') continue;
    const { portnum, payload } = r.record.packet;
    if (!templates.has(portnum)) templates.set(portnum, Buffer.from(payload));
  }
  return templates;
}

function fill(
  sqlite: BetterSqlite3.Database,
  spec: ReaderDatabaseSpec,
  log: (line: string) => void,
) {
  const random = seededRandom(7);
  const weighted = <T>(choices: readonly (readonly [T, number])[]): T =>
    pickWeighted(random, choices);
  const nodeNum = (i: number): number => 0x10000000 + i * 7919;
  // Activity follows a long tail: a few chatty nodes, many quiet ones.
  const weights = Array.from({ length: spec.nodes }, (_, i) => 1 / (i + 5) ** 0.9);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w / total), 0);
  const sender = (): number => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const gateways = Array.from({ length: spec.gateways }, (_, i) => nodeNum((i * 37) % spec.nodes));
  const templates = payloadTemplates();
  const fallback = Buffer.from([8, 1, 18, 2, 104, 105]);
  const route = Buffer.from([10, 4, 1, 2, 3, 4]);

  const indexes = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL " +
        "AND tbl_name IN ('packet', 'packet_seen', 'traceroute', 'node')",
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX ${index.name}`);

  const insertPacket = sqlite.prepare(
    'INSERT INTO packet (id, portnum, from_node_id, to_node_id, payload, import_time_us, channel) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertSeen = sqlite.prepare(
    'INSERT INTO packet_seen (packet_id, node_id, rx_time, hop_limit, hop_start, channel, rx_snr, rx_rssi, topic, import_time_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertTraceroute = sqlite.prepare(
    'INSERT INTO traceroute (packet_id, gateway_node_id, done, route, import_time_us) VALUES (?, ?, ?, ?, ?)',
  );
  const lastSeen = new Map<number, { first: number; last: number; channel: string }>();
  const startUs = spec.nowUs - spec.days * DAY_US;
  const stepUs = (spec.days * DAY_US) / spec.packets;
  const CHUNK = 50_000;
  let seen = 0;
  for (let first = 0; first < spec.packets; first += CHUNK) {
    sqlite.transaction(() => {
      for (let i = first; i < Math.min(spec.packets, first + CHUNK); i += 1) {
        // A bijection of the 32-bit ids: unique, and scattered like real packet ids.
        const id = Number((BigInt(i + 1) * 2_654_435_761n) % 4_294_967_291n);
        const from = nodeNum(sender());
        const port = weighted(PORT_SHARES);
        const channel = port === 0 && random() < 0.3 ? 'PKI' : weighted(CHANNELS);
        const to = random() < 0.85 ? BROADCAST : nodeNum(sender());
        const importUs = Math.round(startUs + i * stepUs);
        insertPacket.run(id, port, from, to, templates.get(port) ?? fallback, importUs, channel);
        const node = lastSeen.get(from);
        if (node === undefined) lastSeen.set(from, { first: importUs, last: importUs, channel });
        else node.last = importUs;
        const count = Math.max(1, Math.round(spec.gatewaysPerPacket + (random() - 0.5) * 10));
        const offset = Math.floor(random() * gateways.length);
        const rxTime = Math.floor(importUs / 1_000_000);
        for (let g = 0; g < count; g += 1) {
          const gateway = gateways[(offset + g * 7) % gateways.length]!;
          const topic = `msh/US/2/e/${channel}/!${gateway.toString(16).padStart(8, '0')}`;
          insertSeen.run(
            id,
            gateway,
            rxTime,
            3 - (g % 4),
            3,
            channel,
            Math.round((random() * 20 - 10) * 4) / 4,
            -60 - Math.floor(random() * 60),
            topic,
            importUs + g * 40_000,
          );
          seen += 1;
          if (port === 70 && g < 2)
            insertTraceroute.run(id, gateway, g === 0 ? 1 : 0, route, importUs);
        }
      }
    })();
    if ((first / CHUNK) % 4 === 3) log(`  ${first + CHUNK} packets, ${seen} receptions`);
  }

  const insertNode = sqlite.prepare(
    'INSERT INTO node (id, node_id, long_name, short_name, hw_model, firmware, role, last_lat, last_long, channel, is_mqtt_gateway, first_seen_us, last_seen_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const gatewaySet = new Set(gateways);
  sqlite.transaction(() => {
    for (let i = 0; i < spec.nodes; i += 1) {
      const num = nodeNum(i);
      const seenAt = lastSeen.get(num);
      insertNode.run(
        `!${num.toString(16).padStart(8, '0')}`,
        num,
        `Node ${i} of the bench mesh`,
        `N${i % 1000}`,
        HW[i % HW.length],
        '2.7.15',
        ROLES[i % ROLES.length],
        374_000_000 + (i % 100) * 10_000,
        -1_222_000_000 - (i % 97) * 10_000,
        seenAt?.channel ?? 'LongFast',
        gatewaySet.has(num) ? 1 : 0,
        seenAt?.first ?? startUs,
        seenAt?.last ?? startUs,
      );
    }
    const snapshot = sqlite.prepare(
      'INSERT INTO daily_snapshot (snapshot_date, node_count, packet_count, gateway_count, captured_at_us) VALUES (?, ?, ?, ?, ?)',
    );
    for (let d = 0; d < spec.days; d += 1) {
      const at = spec.nowUs - d * DAY_US - HOUR_US;
      const date = new Date(at / 1000).toISOString().slice(0, 10);
      snapshot.run(
        date,
        spec.nodes,
        Math.round((spec.packets * (spec.days - d)) / spec.days),
        spec.gateways,
        at,
      );
    }
  })();
  log(`  rebuilding ${indexes.length} indexes`);
  for (const index of indexes) sqlite.exec(index.sql);
}
