/**
 * Storage benchmark (SQLite): `PacketStore.writeBatch` of 1000-record batches against plain
 * prepared better-sqlite3 INSERTs of the same rows in 1000-row transactions, on two fresh
 * databases migrated to head. The records are a realistic mix: every packet is reported by
 * 5 to 15 gateways (10 on average), with the port mix of a busy public mesh.
 *
 *   npx tsx bench/storage.bench.ts [--records 100000] [--rounds 3] [--batch 1000] [--pg URL]
 *
 * With `--pg postgres://…/postgres` (default: `TEST_PG_URL`) it also times `writeBatch` on PostgreSQL, in a database of
 * its own that it creates on that server and drops afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '@meshview/db';
import type { NodeUpsert, PacketRecord } from '@meshview/mesh';
import { createMeshviewMigrator } from '@meshview/migrations';
import { PacketStore } from '../apps/writer/src/storage/packet-store.js';
import { plainInserts } from './plain-inserts.js';
import { PORT_SHARES, pickWeighted } from './port-mix.js';
import { seededRandom } from '@meshview/sim';
import { writeResults } from './results.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    batch: { type: 'string', default: '1000' },
    pg: { type: 'string', default: process.env.TEST_PG_URL },
  },
});
const RECORDS = Number(args.records);
const ROUNDS = Number(args.rounds);
const BATCH = Number(args.batch);

// A deterministic generator, so every run writes the same rows.
const random = seededRandom(42);
const pick = (n: number): number => Math.floor(random() * n);
const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => pick(256));
const userId = (n: number): string => `!${n.toString(16).padStart(8, '0')}`;

const NODES = Array.from({ length: 400 }, (_, i) => 0x10000000 + i * 7919);
const GATEWAYS = Array.from({ length: 40 }, (_, i) => 0x20000000 + i * 104_729);
const portnum = (): number => pickWeighted(random, PORT_SHARES);

function makeRecords(count: number, startUs: number): PacketRecord[] {
  const records: PacketRecord[] = [];
  let packetId = 1;
  while (records.length < count) {
    const id = (packetId++ * 2_654_435_761) % 2 ** 32;
    const from = NODES[pick(NODES.length)]!;
    const port = portnum();
    const importUs = startUs + records.length * 50;
    const payload = bytes(30 + pick(150));
    const nodes: NodeUpsert[] = [];
    if (port === 4 || port === 73) {
      nodes.push({
        id: userId(from),
        node_id: from,
        long_name: `Node ${from.toString(16)}`,
        short_name: from.toString(16).slice(-4),
        hw_model: 'RAK4631',
        role: 'CLIENT',
        channel: 'LongFast',
        ...(port === 73
          ? { firmware: '2.6.11', last_lat: 377_000_000, last_long: -1_224_000_000 }
          : {}),
        seen_us: importUs,
      });
    } else if (port === 3) {
      nodes.push({
        id: userId(from),
        node_id: from,
        last_lat: 377_000_000 + pick(1000),
        last_long: -1_224_000_000 - pick(1000),
        seen_us: importUs,
      });
    }
    const publicKey =
      port === 4 && random() < 0.5
        ? { node_id: from, public_key: `${from.toString(16)}`.padEnd(64, 'a'), seen_us: importUs }
        : null;
    const reports = 5 + pick(11);
    const gateways = new Set<number>();
    while (gateways.size < reports) gateways.add(GATEWAYS[pick(GATEWAYS.length)]!);
    for (const gateway of gateways) {
      records.push({
        decryption: port === 0 ? 'undecryptable' : 'decrypted',
        keyIndex: port === 0 ? null : 0,
        packet: {
          id,
          portnum: port,
          from_node_id: from,
          to_node_id: 0xffffffff,
          payload,
          import_time_us: importUs,
          channel: 'LongFast',
        },
        seen: {
          packet_id: id,
          node_id: gateway,
          rx_time: Math.floor(importUs / 1e6),
          hop_limit: pick(4),
          hop_start: 3,
          channel: 'LongFast',
          rx_snr: pick(40) / 4 - 5,
          rx_rssi: -60 - pick(60),
          topic: `msh/US/bayarea/2/e/LongFast/${userId(gateway)}`,
          import_time_us: importUs,
        },
        gatewayNodeId: gateway,
        nodes,
        publicKey,
        traceroute:
          port === 70
            ? {
                packet_id: id,
                gateway_node_id: gateway,
                done: false,
                route: bytes(12),
                import_time_us: importUs,
              }
            : null,
        decoded: null,
      });
    }
  }
  records.length = count;
  // Reports of one packet arrive close together, not back to back.
  for (let i = 0; i < records.length; i += 1) {
    const j = Math.min(records.length - 1, i + pick(30));
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  return records;
}

async function freshDatabase(dir: string, name: string): Promise<string> {
  const url = `sqlite:///${join(dir, `${name}.db`)}`;
  const handle = await openDatabase(url);
  const migrator = await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db });
  await migrator.upgrade('head');
  await handle.close();
  return url;
}

async function benchStore(url: string, records: readonly PacketRecord[]): Promise<number> {
  const handle = await openDatabase(url);
  const store = await PacketStore.open({ db: handle.db, dialect: handle.dialect });
  const started = process.hrtime.bigint();
  for (let i = 0; i < records.length; i += BATCH)
    await store.writeBatch(records.slice(i, i + BATCH));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await handle.close();
  return records.length / seconds;
}

async function benchPostgres(serverUrl: string, records: readonly PacketRecord[]): Promise<number> {
  const name = `meshview_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const rates: number[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const handle = await openDatabase(url.toString());
      const migrator = await createMeshviewMigrator({ dialect: handle.dialect, db: handle.db });
      await migrator.upgrade('head');
      await handle.close();
      rates.push(await benchStore(url.toString(), records));
      console.log(`PostgreSQL round ${round}: writeBatch ${fmt(rates.at(-1)!)} records/s`);
    }
    console.log(`PostgreSQL median: writeBatch ${fmt(median(rates))} records/s`);
    return median(rates);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);

const dir = mkdtempSync(join(tmpdir(), 'meshview-bench-'));
try {
  const records = makeRecords(RECORDS, 1_760_000_000_000_000);
  const packets = new Set(records.map((r) => r.packet.id)).size;
  console.log(
    `${RECORDS} records (${packets} packets, ${(RECORDS / packets).toFixed(1)} reports each), ` +
      `batches of ${BATCH}, ${ROUNDS} rounds, SQLite`,
  );
  const store: number[] = [];
  const plain: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const storeUrl = await freshDatabase(dir, `store${round}`);
    const plainUrl = await freshDatabase(dir, `plain${round}`);
    // Alternate which goes first, so neither always runs on a warmer machine.
    if (round % 2 === 1) {
      store.push(await benchStore(storeUrl, records));
      plain.push(plainInserts(join(dir, `plain${round}.db`), records));
    } else {
      plain.push(plainInserts(join(dir, `plain${round}.db`), records));
      store.push(await benchStore(storeUrl, records));
    }
    console.log(
      `round ${round}: writeBatch ${fmt(store.at(-1)!)} records/s, plain INSERTs ${fmt(plain.at(-1)!)} records/s`,
    );
    void plainUrl;
  }
  const ratio = median(store) / median(plain);
  console.log(
    `median:  writeBatch ${fmt(median(store))} records/s, plain INSERTs ${fmt(median(plain))} records/s`,
  );
  console.log(`ratio writeBatch / plain: ${(ratio * 100).toFixed(0)}%`);
  const postgres = args.pg ? await benchPostgres(args.pg, records) : undefined;
  if (!args.pg) console.log('PostgreSQL skipped: give --pg or set TEST_PG_URL');
  console.log(
    `wrote ${writeResults('storage', {
      method:
        'PacketStore.writeBatch against plain prepared INSERTs of the same records, fresh databases, rounds alternating which goes first',
      records: RECORDS,
      packets,
      batch: BATCH,
      rounds: ROUNDS,
      sqlite: {
        write_batch_records_per_second: Math.round(median(store)),
        plain_inserts_records_per_second: Math.round(median(plain)),
        ratio: Math.round(ratio * 100) / 100,
      },
      postgres:
        postgres === undefined
          ? { skipped: 'no --pg and no TEST_PG_URL' }
          : { write_batch_records_per_second: Math.round(postgres) },
    })}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
