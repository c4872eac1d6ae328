import {
  DatabaseNotFoundError,
  openDatabase,
  type ConnectionTarget,
  type DatabaseConnection,
} from '@meshview/db';
import type { Logger } from '@meshview/log';
import {
  describeFlag,
  loadRevisions,
  RevisionGraph,
  type DatabaseStatus,
  type Migrator,
  type ScriptLocation,
  type StatusSource,
} from '@meshview/migrate';
import {
  createMeshviewMigrator,
  meshviewRetiredRevisions,
  meshviewScripts,
} from '@meshview/migrations';

/**
 * Where the reader's database stands, read through a read-only connection that is opened on the
 * first question and again after a failed one (the SQLite file may not exist yet when the reader
 * starts before the writer).
 */
export class ReadOnlyStatusSource implements StatusSource {
  readonly #database: ConnectionTarget;
  readonly #scripts: ScriptLocation | undefined;
  readonly #logger: Logger;
  #handle: DatabaseConnection | undefined;
  #migrator: Migrator | undefined;

  constructor(props: {
    /** The database to read, as the config parsed it. */
    readonly database: ConnectionTarget;
    readonly scripts?: ScriptLocation;
    readonly logger: Logger;
  }) {
    this.#database = props.database;
    this.#scripts = props.scripts;
    this.#logger = props.logger;
  }

  async status(): Promise<DatabaseStatus> {
    if (!this.#migrator) {
      try {
        this.#handle = await openDatabase(this.#database, { readOnly: true });
      } catch (error) {
        if (!(error instanceof DatabaseNotFoundError)) throw error;
        return this.#notCreatedYet(error);
      }
      try {
        this.#migrator = await createMeshviewMigrator({
          dialect: this.#handle.dialect,
          db: this.#handle.db,
          logger: this.#logger,
          ...(this.#scripts ? { scripts: this.#scripts } : {}),
        });
      } catch (error) {
        await this.close();
        throw error;
      }
    }
    const status = await this.#migrator.status();
    // A SQLite connection opened on the file the writer has only just created (empty, not yet in
    // WAL mode) goes on reading the main file alone and never sees the writer's migration in the
    // WAL: while waiting for the schema, look through a fresh connection at each poll.
    if (this.#handle?.dialect === 'sqlite' && status.state !== 'current') await this.close();
    return status;
  }

  /** A SQLite file the writer has not created yet is a database at base, not an error. */
  async #notCreatedYet(error: DatabaseNotFoundError): Promise<DatabaseStatus> {
    const graph = new RevisionGraph(
      await loadRevisions(this.#scripts ?? meshviewScripts),
      meshviewRetiredRevisions,
    );
    const head = graph.head;
    const summary =
      `database file ${error.path} does not exist yet, scripts' head ${head ?? 'none'}; ` +
      describeFlag(undefined);
    return { state: 'empty', current: [], head, flag: undefined, summary };
  }

  /** The read-only connection, once open. */
  get connection(): DatabaseConnection | undefined {
    return this.#handle;
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    this.#migrator = undefined;
    await handle?.close();
  }
}
