// The reader benchmark's reader: the real app, compiled (apps/reader/dist, `npm run build`
// first), in a process of its own as deployed, built as apps/reader/src/main.ts builds it (V8's
// garbage collector tuned, the schema watch, the read-only connection with its statements on a
// query thread) but with the answer reuse on or off as the benchmark asks. Started by
// bench/reader.bench.ts with `fork`:
//
//   node [--v8-pool-size=N] --import bench/clock-preload.mjs bench/reader-process.mjs <url> <on|off>
//
// It sends { type: 'listening', base } once it listens; answers { type: 'counts' } with the
// answer reuse's hits and misses since the last { type: 'reset' } (which it answers once done);
// closes on { type: 'close' }.
import { buildConfig, parseIni } from '@meshview/config';
import { openDatabase } from '@meshview/db';
import { createLogger } from '@meshview/log';
import { buildApp } from '../apps/reader/dist/app.js';
import { ReadOnlyStatusSource } from '../apps/reader/dist/read-only-status-source.js';
import { SchemaWatch } from '../apps/reader/dist/schema-watch.js';
import { tuneGarbageCollection } from '../apps/reader/dist/v8-tuning.js';

// As apps/reader/src/main.ts does first (see v8-tuning.ts).
tuneGarbageCollection();

const [url, reuse, poolSize] = process.argv.slice(2);
if (url === undefined || (reuse !== 'on' && reuse !== 'off') || process.send === undefined) {
  console.error('usage (from a fork with IPC): reader-process.mjs <url> <on|off> [pool size]');
  process.exit(2);
}

const counts = {
  hits: 0,
  misses: 0,
  hit: () => (counts.hits += 1),
  miss: () => (counts.misses += 1),
};
const logger = createLogger({ name: 'reader-bench', level: 'warn' });
const config = buildConfig({
  ini: parseIni(
    `[database]\nconnection_string = ${url}\n` +
      (poolSize !== undefined ? `reader_pool_size = ${poolSize}\n` : ''),
    'bench.ini',
  ),
});
const source = new ReadOnlyStatusSource({ database: config.database.connectionString, logger });
const watch = new SchemaWatch({ source, intervalMs: 60_000, logger });
await watch.refresh();
const database = await openDatabase(url, {
  readOnly: true,
  queryThread: true,
  poolSize: config.database.readerPoolSize,
});
const app = await buildApp({
  logger,
  watch,
  database,
  config,
  answerCache: reuse === 'off' ? { ttlMs: 0, counts } : { counts },
  ...(reuse === 'off' ? { statsCacheTtlMs: 0 } : {}),
});
const base = await app.listen({ host: '127.0.0.1', port: 0 });

process.on('message', (message) => {
  if (message.type === 'counts') {
    process.send({ type: 'counts', hits: counts.hits, misses: counts.misses });
  } else if (message.type === 'reset') {
    counts.hits = 0;
    counts.misses = 0;
    process.send({ type: 'reset' });
  } else if (message.type === 'close') {
    void (async () => {
      await app.close();
      await database.close();
      await source.close();
      process.disconnect();
    })();
  }
});
process.send({ type: 'listening', base });
