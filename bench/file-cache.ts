/**
 * Reads a benchmark's database into the operating system's file cache before a measurement, as a
 * machine with this much free memory keeps a database it serves. This machine's VM gives file
 * pages back while most of its memory is free: with nothing running, 70 MB of the reader
 * benchmark's 1.9 GB SQLite file left the cache in 20 s, and only 0.8 GB of it was left when a
 * route began. Its routes then waited on the virtual disk (30–60 % I/O wait, `/api/packets_seen`
 * at a p50 of 921 ms instead of 2), and two runs of the same code differed tenfold: the figures
 * measured what the cache happened to hold, not the reader.
 */
import { open } from 'node:fs/promises';
import pg from 'pg';
import { parseConnectionString } from '@meshview/db';

/**
 * Reads `url`'s database into the file cache: a SQLite file (and its WAL) read through; on
 * PostgreSQL, every table and index of the schema `public` with `pg_prewarm` (its `read` mode, into
 * the file cache). A server without `pg_prewarm` is said so, once.
 */
export async function warmDatabase(url: string): Promise<void> {
  const target = parseConnectionString(url);
  if (target.dialect === 'sqlite') {
    for (const path of [target.filename, `${target.filename}-wal`]) await readThrough(path);
  } else {
    await prewarmPostgres(url);
  }
}

async function readThrough(path: string): Promise<void> {
  const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (file === undefined) return;
  try {
    const buffer = Buffer.allocUnsafe(4 * 2 ** 20);
    while ((await file.read(buffer, 0, buffer.length, null)).bytesRead > 0);
  } finally {
    await file.close();
  }
}

let prewarmMissing = false;

async function prewarmPostgres(url: string): Promise<void> {
  if (prewarmMissing) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    await client.query(
      `SELECT sum(pg_prewarm(c.oid::regclass, 'read')) FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 'm')`,
    );
  } catch (error) {
    prewarmMissing = true;
    console.log(
      `  (PostgreSQL's files not read into the cache first: ${(error as Error).message}; ` +
        'the figures then depend on what the cache holds)',
    );
  } finally {
    await client.end();
  }
}
