import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection as KyselyConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { ConnectionTarget } from '../connection-target.js';
import type { DatabaseConnection, OpenDatabaseOptions } from '../database-connection.js';
import type { DialectName } from '@meshview/schema';
import type {
  QueryThreadAsk,
  QueryThreadData,
  QueryThreadOpen,
  QueryThreadReply,
} from './messages.js';
import { fromThreadError } from './thread-error.js';

/**
 * A read-only connection whose statements run on a thread of their own: the thread holds the
 * real connection (better-sqlite3, or a pg pool) and answers each statement's rows, so the
 * caller's event loop never runs SQLite's search, nor pg's socket writes and row parsing. Kysely
 * builds and compiles the queries where they are made, as with any connection.
 *
 * Why: the reader's event loop also parses requests, renders payloads and writes answers. On
 * two cores, a node's page of packets cost it about 2 ms of which the SQLite search was 0.4 to
 * 0.8 ms; the thread's core was otherwise idle.
 *
 * What differs from a connection opened in place: statements run one at a time per thread on
 * SQLite (as they did), transactions and streamed results are refused (the reader reads with
 * neither), and a thread that ends by surprise fails what was waiting and is started again for
 * the next statement.
 */
export async function openOnQueryThread<DB>(
  target: ConnectionTarget,
  options: OpenDatabaseOptions,
): Promise<DatabaseConnection<DB>> {
  const thread = await QueryThread.start(target, options);
  const db = new Kysely<DB>({ dialect: new QueryThreadDialect(target.dialect, thread) });
  let closing: Promise<void> | undefined;
  return {
    dialect: target.dialect,
    db,
    target,
    readOnly: true,
    // Kysely's destroy reaches the driver only if a statement ever ran.
    close: () => (closing ??= db.destroy().then(() => thread.close())),
    ...(target.dialect === 'sqlite' ? { reopen: () => thread.reopen() } : {}),
  };
}

/**
 * The worker's file: next to this one when it runs compiled; when this runs from its TypeScript
 * source (tests, the benchmarks under tsx), the compiled copy `tsc -b` made in `dist/`.
 */
function workerFile(): string {
  const here = fileURLToPath(new URL('./query-thread-main.js', import.meta.url));
  if (existsSync(here)) return here;
  const compiled = here.replace(/[\\/]src[\\/](?!.*[\\/]src[\\/])/, '/dist/');
  if (existsSync(compiled)) return compiled;
  throw new Error(`the query thread's script is missing (${compiled}): run npm run build`);
}

class QueryThread {
  readonly #target: ConnectionTarget;
  readonly #options: OpenDatabaseOptions;
  /** Undefined after the thread ended by surprise, until a statement starts another. */
  #worker: Worker | undefined;
  readonly #pending = new Map<
    number,
    { resolve: (rows: Record<string, unknown>[]) => void; reject: (error: Error) => void }
  >();
  #nextId = 0;
  #closed = false;
  /** The thread being started again. */
  #restarting: Promise<Worker> | undefined;

  private constructor(target: ConnectionTarget, options: OpenDatabaseOptions, worker: Worker) {
    this.#target = target;
    this.#options = options;
    this.#worker = worker;
    this.#listen(worker);
  }

  static async start(target: ConnectionTarget, options: OpenDatabaseOptions): Promise<QueryThread> {
    return new QueryThread(target, options, await spawn(target, options));
  }

  #listen(worker: Worker): void {
    worker.on('message', (reply: QueryThreadReply) => {
      if (reply.kind === 'idle-error') {
        this.#options.onIdleError?.(fromThreadError(reply.error));
        return;
      }
      if (reply.kind === 'loaded' || reply.kind === 'ready' || reply.kind === 'failed') return;
      const waiting = this.#pending.get(reply.id);
      if (waiting === undefined) return;
      this.#pending.delete(reply.id);
      if (reply.kind === 'error') waiting.reject(fromThreadError(reply.error));
      else waiting.resolve(reply.kind === 'rows' ? reply.rows.map(withBuffers) : []);
    });
    const ended = (error: Error): void => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
    };
    worker.on('error', (error) =>
      ended(new Error(`the query thread failed: ${error.message}`, { cause: error })),
    );
    worker.on('exit', (code) => ended(new Error(`the query thread ended (code ${code})`)));
  }

  /** The running thread, or a new one when the last ended (its opening error if it fails). */
  async #running(): Promise<Worker> {
    if (this.#worker !== undefined) return this.#worker;
    this.#restarting ??= spawn(this.#target, this.#options)
      .then((worker) => {
        this.#worker = worker;
        this.#listen(worker);
        return worker;
      })
      .finally(() => (this.#restarting = undefined));
    return this.#restarting;
  }

  async #ask(request: QueryThreadAsk): Promise<Record<string, unknown>[]> {
    if (this.#closed && request.kind !== 'close') throw new Error('the connection is closed');
    const worker = this.#worker ?? (await this.#running());
    const id = (this.#nextId += 1);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }

  query(sql: string, parameters: readonly unknown[]): Promise<Record<string, unknown>[]> {
    return this.#ask({ kind: 'query', sql, parameters });
  }

  async reopen(): Promise<void> {
    await this.#ask({ kind: 'reopen' });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const worker = this.#worker ?? (await this.#restarting?.catch(() => undefined));
    if (worker === undefined) return;
    try {
      await this.#ask({ kind: 'close' });
    } catch {
      // Ended already: nothing left to close.
    }
    await worker.terminate();
  }
}

/** A thread started ahead by {@link prepareQueryThread}, for the next opening to take. */
let spare: { readonly dialect: DialectName; readonly worker: Promise<Worker> } | undefined;

/**
 * Starts a query thread ahead of time: it loads its modules and the dialect's driver (a few
 * hundred milliseconds) and waits; the next `openDatabase(…, { queryThread: true })` of that
 * dialect opens its connection on it. The reader calls it while it waits for the schema. Until
 * taken it keeps no process alive.
 */
export function prepareQueryThread(dialect: DialectName): void {
  if (spare !== undefined) return;
  const worker = load(dialect);
  // A failure shows when the thread is taken (it is then started anew), not here.
  worker.catch(() => undefined);
  spare = { dialect, worker };
}

/** The thread started ahead and not yet taken (its `threadId`), once loaded; for tests. */
export async function spareThreadId(): Promise<number | undefined> {
  return (await spare?.worker.catch(() => undefined))?.threadId;
}

/** A thread with its modules loaded, waiting for what to open. */
async function load(dialect: DialectName): Promise<Worker> {
  const worker = new Worker(workerFile(), {
    workerData: { dialect } satisfies QueryThreadData,
    // It holds the rows of the statements in flight and little else; the bound stops an answer
    // of gigabytes (it ends the thread, whose callers get an error) before it ends the process.
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 512 },
  });
  worker.unref();
  worker.once('exit', () => ended.add(worker));
  await untilReply(worker, 'loaded');
  return worker;
}

/** Threads that ended: one started ahead may end before it is taken. */
const ended = new WeakSet<Worker>();

/** Resolves at the thread's `kind` reply; rejects at a `failed` reply, an error or its end. */
async function untilReply(worker: Worker, kind: 'loaded' | 'ready'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error): void => done(error);
    const exited = (code: number): void => done(new Error(`the query thread ended (code ${code})`));
    const replied = (reply: QueryThreadReply): void => {
      if (reply.kind === kind) done();
      else if (reply.kind === 'failed') done(fromThreadError(reply.error));
    };
    const done = (error?: Error): void => {
      worker.off('error', failed).off('exit', exited).off('message', replied);
      if (error === undefined) resolve();
      else reject(error);
    };
    worker.on('error', failed).on('exit', exited).on('message', replied);
  });
}

/** A thread with its connection open (the one started ahead when it fits); rejects as opening does. */
async function spawn(target: ConnectionTarget, options: OpenDatabaseOptions): Promise<Worker> {
  let ahead: Promise<Worker> | undefined;
  if (spare?.dialect === target.dialect) {
    ahead = spare.worker;
    spare = undefined;
  }
  let worker = await (ahead?.catch(() => load(target.dialect)) ?? load(target.dialect));
  if (ended.has(worker)) worker = await load(target.dialect);
  worker.ref();
  worker.postMessage({
    kind: 'open',
    target,
    busyTimeoutMs: options.busyTimeoutMs,
    poolSize: options.poolSize,
  } satisfies QueryThreadOpen);
  await untilReply(worker, 'ready');
  return worker;
}

/** A row's binary values back as `Buffer`s (a structured clone makes them plain `Uint8Array`s). */
function withBuffers(row: Record<string, unknown>): Record<string, unknown> {
  for (const key in row) {
    const value = row[key];
    if (value instanceof Uint8Array) {
      row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return row;
}

class QueryThreadDialect implements Dialect {
  readonly #dialect: 'sqlite' | 'postgres';
  readonly #thread: QueryThread;

  constructor(dialect: 'sqlite' | 'postgres', thread: QueryThread) {
    this.#dialect = dialect;
    this.#thread = thread;
  }

  createAdapter() {
    return this.#dialect === 'sqlite' ? new SqliteAdapter() : new PostgresAdapter();
  }

  createDriver(): Driver {
    return new QueryThreadDriver(this.#thread);
  }

  createQueryCompiler() {
    return this.#dialect === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>) {
    return this.#dialect === 'sqlite' ? new SqliteIntrospector(db) : new PostgresIntrospector(db);
  }
}

class QueryThreadDriver implements Driver {
  readonly #thread: QueryThread;
  readonly #connection: KyselyConnection;

  constructor(thread: QueryThread) {
    this.#thread = thread;
    this.#connection = {
      executeQuery: async <R>(compiled: CompiledQuery): Promise<QueryResult<R>> => ({
        rows: (await thread.query(compiled.sql, compiled.parameters)) as R[],
      }),
      streamQuery: () => {
        throw new Error(
          'streamed results are not read through the query thread: open the connection ' +
            'without queryThread to stream',
        );
      },
    };
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<KyselyConnection> {
    return Promise.resolve(this.#connection);
  }

  beginTransaction(): Promise<void> {
    return Promise.reject(
      new Error(
        'transactions are not run through the query thread: open the connection without ' +
          'queryThread for a transaction',
      ),
    );
  }

  commitTransaction(): Promise<void> {
    return this.beginTransaction();
  }

  rollbackTransaction(): Promise<void> {
    return this.beginTransaction();
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.#thread.close();
  }
}
