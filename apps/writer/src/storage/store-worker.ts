import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '@meshview/db';
import { PacketStore } from './packet-store.js';
import type { StorableRecord } from './storable-record.js';
import type {
  StoreWorkerData,
  StoreWorkerReply,
  StoreWorkerRequest,
} from './store-worker-protocol.js';

// The database thread: owns a connection of its own and writes the batches the ingest thread
// decodes, so that decoding the next batch and writing this one run on two cores.
const data = workerData as StoreWorkerData;
const port = parentPort!;
const database = await openDatabase(data.connectionString);
const store = await PacketStore.open({
  db: database.db,
  dialect: database.dialect,
  reuseWindowUs: data.reuseWindowUs,
});

port.on('message', (request: StoreWorkerRequest) => {
  if (request.kind === 'close') {
    void database.close().then(() => port.close());
    return;
  }
  store.writeBatch(request.records as readonly StorableRecord[]).then(
    (outcome) => port.postMessage({ id: request.id, outcome } satisfies StoreWorkerReply),
    (error: unknown) => {
      const { message, code } = error as { message?: string; code?: unknown };
      const reply: StoreWorkerReply = {
        id: request.id,
        error: {
          message: message ?? String(error),
          code: typeof code === 'string' ? code : undefined,
        },
      };
      port.postMessage(reply);
    },
  );
});
port.postMessage({ id: 0, ready: true } satisfies StoreWorkerReply);
