import { openDatabase, type DatabaseConnection } from '@meshview/db';
import type { Logger } from '@meshview/log';
import type { DatabaseStatus, Migrator, ScriptLocation, StatusSource } from '@meshview/migrate';
import { createMeshviewMigrator } from '@meshview/migrations';

/**
 * Where the reader's database stands, read through a read-only connection that is opened on the
 * first question and again after a failed one (the SQLite file may not exist yet when the reader
 * starts before the writer).
 */
export class ReadOnlyStatusSource implements StatusSource {
  readonly #connectionString: string;
  readonly #scripts: ScriptLocation | undefined;
  readonly #logger: Logger;
  #handle: DatabaseConnection | undefined;
  #migrator: Migrator | undefined;

  constructor(props: {
    readonly connectionString: string;
    readonly scripts?: ScriptLocation;
    readonly logger: Logger;
  }) {
    this.#connectionString = props.connectionString;
    this.#scripts = props.scripts;
    this.#logger = props.logger;
  }

  async status(): Promise<DatabaseStatus> {
    if (!this.#migrator) {
      this.#handle = await openDatabase(this.#connectionString, { readOnly: true });
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
    return this.#migrator.status();
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
