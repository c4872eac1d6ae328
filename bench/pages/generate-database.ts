/**
 * The page benchmark's database (SQLite: the benchmark measures the pages, and one database is
 * enough for that): 10,000 nodes and 1,000,000 packets of a week (bench-mesh.ts,
 * bench-traffic.ts), with their receptions, traceroutes, public keys and daily snapshots. Built
 * once into `bench/.cache/` and reused while its fingerprint (generator version, size, the
 * migration scripts' head) holds; each use then moves its clock to now (shift-clock.ts).
 *
 * The schema is real: our migration engine creates it (up to the revision before the statistics
 * roll-ups), the rows go in with prepared INSERTs in large transactions (secondary indexes
 * dropped meanwhile and rebuilt after), then the engine upgrades to head, which counts the
 * roll-ups the way it back-fills any database.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DAY_US, HOUR_US, openDatabase } from '@meshview/db';
import type { NodeUpsert } from '@meshview/mesh';
import { createMeshviewMigrator } from '@meshview/migrations';
import { down_revision as ROLLUPS_PARENT } from '../../migrations/versions/b7d9f1a3c5e8_stats_rollups.js';
import { planBenchMesh, type BenchMesh } from './bench-mesh.js';
import { benchTraffic } from './bench-traffic.js';
import { shiftWasInterrupted, unfinishedShiftMarker } from './shift-clock.js';
import { scriptsHead } from '../scripts-head.js';

/**
 * Bumped whenever what the generator writes changes: a cached database of another version is
 * built again.
 */
export const GENERATOR_VERSION = 2;

/** The database's size. */
export interface PagesDatabaseSpec {
  readonly seed: number;
  readonly nodes: number;
  readonly packets: number;
  readonly days: number;
}

/** The benchmark's default: issue 13's 10,000 nodes and 1,000,000 packets, over a week. */
export const DEFAULT_SPEC: PagesDatabaseSpec = {
  seed: 13,
  nodes: 10_000,
  packets: 1_000_000,
  days: 7,
};

/**
 * /nodegraph's database: 2,000 nodes whose week of packets holds about 5,000 links (neighbour
 * reports and traceroutes), small enough to build in seconds.
 */
export const GRAPH_SPEC: PagesDatabaseSpec = {
  seed: 14,
  nodes: 2_000,
  packets: 60_000,
  days: 7,
};

/** How many nodes /nodegraph must draw before its content counts as shown. */
export const GRAPH_NODES_SHOWN = 1_000;

/** A database ready to serve. */
export interface PagesDatabase {
  readonly path: string;
  /** Its `sqlite:` connection string. */
  readonly url: string;
  readonly mesh: BenchMesh;
  /** How long the first build took (s), from the cache's record. */
  readonly buildSeconds: number;
  /** Whether this run built it (false: reused from the cache). */
  readonly built: boolean;
}

interface CacheRecord {
  readonly fingerprint: string;
  readonly buildSeconds: number;
  readonly builtAt: string;
}

/**
 * The database of `spec` at `path` (built first when missing or made by another generator
 * version, spec or migration head), with `mesh`, the plan it was made from.
 */
export async function pagesDatabase(
  path: string,
  spec: PagesDatabaseSpec,
  log: (line: string) => void,
): Promise<PagesDatabase> {
  const url = `sqlite:///${path}`;
  const recordFile = `${path}.json`;
  const mesh = planBenchMesh(spec.seed, spec.nodes);
  mkdirSync(dirname(path), { recursive: true });
  const head = await scriptsHead(`${path}.head-probe`);
  const fingerprint = JSON.stringify({ GENERATOR_VERSION, spec, head });
  if (existsSync(recordFile) && existsSync(path)) {
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as CacheRecord;
    if (shiftWasInterrupted(path)) {
      log('the cached database was left half shifted by an interrupted run: building anew');
    } else if (record.fingerprint === fingerprint) {
      log(`reusing ${path} (built ${record.builtAt} in ${record.buildSeconds.toFixed(0)} s)`);
      return { path, url, mesh, buildSeconds: record.buildSeconds, built: false };
    } else {
      log('the cached database is of another generator version, size or schema: building anew');
    }
  }
  for (const file of [
    path,
    `${path}-wal`,
    `${path}-shm`,
    recordFile,
    unfinishedShiftMarker(path),
  ]) {
    rmSync(file, { force: true });
  }

  const started = Date.now();
  const handle = await openDatabase(url);
  const migrator = await createMeshviewMigrator({ dialect: 'sqlite', db: handle.db });
  await migrator.upgrade(String(ROLLUPS_PARENT));
  await handle.close();

  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  // Whole hours: the roll-ups' buckets and the clock shift stay aligned.
  const nowUs = Math.floor((Date.now() * 1000) / HOUR_US) * HOUR_US;
  fill(sqlite, mesh, spec, nowUs, log);
  sqlite.close();
  log(`rows written in ${seconds(started)} s`);

  const counting = Date.now();
  const again = await openDatabase(url);
  const upgrade = await createMeshviewMigrator({ dialect: 'sqlite', db: again.db });
  await upgrade.upgrade('head');
  await again.close();
  const finish = new BetterSqlite3(path);
  setPrecision(finish, mesh);
  finish.exec('ANALYZE');
  finish.pragma('wal_checkpoint(TRUNCATE)');
  finish.close();
  log(`migrated to head (roll-ups counted) in ${seconds(counting)} s`);

  const buildSeconds = (Date.now() - started) / 1000;
  const record: CacheRecord = { fingerprint, buildSeconds, builtAt: new Date().toISOString() };
  writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  log(`first build of the database: ${buildSeconds.toFixed(0)} s`);
  return { path, url, mesh, buildSeconds, built: true };
}

function fill(
  sqlite: BetterSqlite3.Database,
  mesh: BenchMesh,
  spec: PagesDatabaseSpec,
  nowUs: number,
  log: (line: string) => void,
): void {
  const indexes = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL " +
        "AND tbl_name IN ('packet', 'packet_seen', 'traceroute', 'node', 'node_public_key')",
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

  // What the writer's node upserts leave in `node`: later fields win, the first sighting stays.
  const nodes = new Map<number, NodeUpsert & { first_seen_us: number }>();
  const keys = new Map<string, { node_id: number; first: number; last: number }>();
  let receptions = 0;
  let batch: (() => void)[] = [];
  const flush = sqlite.transaction(() => {
    for (const write of batch) write();
  });
  let done = 0;
  const started = Date.now();
  benchTraffic(mesh, { seed: spec.seed, packets: spec.packets, nowUs, days: spec.days }, (p) => {
    batch.push(() => {
      const { packet } = p;
      insertPacket.run(
        packet.id,
        packet.portnum,
        packet.from_node_id,
        packet.to_node_id,
        packet.payload,
        packet.import_time_us,
        packet.channel,
      );
      for (const s of p.seen) {
        insertSeen.run(
          s.packet_id,
          s.node_id,
          s.rx_time,
          s.hop_limit,
          s.hop_start,
          s.channel,
          s.rx_snr,
          s.rx_rssi,
          s.topic,
          s.import_time_us,
        );
      }
      for (const t of p.traceroutes) {
        insertTraceroute.run(
          t.packet_id,
          t.gateway_node_id,
          t.done ? 1 : 0,
          t.route,
          t.import_time_us,
        );
      }
    });
    receptions += p.seen.length;
    for (const upsert of p.nodes) {
      const old = nodes.get(upsert.node_id);
      const defined = Object.fromEntries(Object.entries(upsert).filter(([, v]) => v !== undefined));
      nodes.set(upsert.node_id, {
        ...old,
        ...(defined as unknown as NodeUpsert),
        first_seen_us: old?.first_seen_us ?? upsert.seen_us,
      });
    }
    if (p.publicKey !== null) {
      const key = keys.get(p.publicKey);
      const at = p.packet.import_time_us;
      if (key) key.last = at;
      else keys.set(p.publicKey, { node_id: p.packet.from_node_id, first: at, last: at });
    }
    done += 1;
    if (batch.length === 20_000) {
      flush();
      batch = [];
    }
    if (done % 100_000 === 0) {
      log(`  ${done} packets, ${receptions} receptions (${seconds(started)} s)`);
    }
  });
  flush();

  const gatewayNums = new Set(mesh.gateways.map((g) => mesh.nodes[g]!.num));
  const insertNode = sqlite.prepare(
    'INSERT INTO node (id, node_id, long_name, short_name, hw_model, firmware, role, last_lat, last_long, channel, is_mqtt_gateway, first_seen_us, last_seen_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertKey = sqlite.prepare(
    'INSERT INTO node_public_key (node_id, public_key, first_seen_us, last_seen_us) VALUES (?, ?, ?, ?)',
  );
  const snapshot = sqlite.prepare(
    'INSERT INTO daily_snapshot (snapshot_date, node_count, packet_count, gateway_count, captured_at_us) VALUES (?, ?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (const n of nodes.values()) {
      insertNode.run(
        n.id,
        n.node_id,
        n.long_name ?? null,
        n.short_name ?? null,
        n.hw_model ?? null,
        n.firmware ?? null,
        n.role ?? null,
        n.last_lat ?? null,
        n.last_long ?? null,
        n.channel ?? null,
        gatewayNums.has(n.node_id) ? 1 : 0,
        n.first_seen_us,
        n.seen_us,
      );
    }
    for (const [key, k] of keys) insertKey.run(k.node_id, key, k.first, k.last);
    for (let d = 0; d < spec.days; d += 1) {
      const at = nowUs - d * DAY_US - HOUR_US;
      snapshot.run(
        new Date(at / 1000).toISOString().slice(0, 10),
        nodes.size,
        Math.round((spec.packets * (spec.days - d)) / spec.days),
        gatewayNums.size,
        at,
      );
    }
  })();
  log(`  ${nodes.size} nodes; rebuilding ${indexes.length} indexes`);
  for (const index of indexes) sqlite.exec(index.sql);
}

/**
 * Each node's position precision, when the schema has `node.precision_bits` (a later revision
 * adds it): what the writer would have stored from the node's positions.
 */
function setPrecision(sqlite: BetterSqlite3.Database, mesh: BenchMesh): void {
  const columns = sqlite.prepare('PRAGMA table_info(node)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'precision_bits')) return;
  const update = sqlite.prepare(
    'UPDATE node SET precision_bits = ? WHERE node_id = ? AND last_lat IS NOT NULL',
  );
  sqlite.transaction(() => {
    for (const n of mesh.nodes) update.run(n.precisionBits, n.num);
  })();
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(0);
}
