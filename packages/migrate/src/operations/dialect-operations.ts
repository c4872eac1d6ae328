import type { TableDefinition } from '@meshview/schema';
import type { TableChange } from './table-change.js';
import type { DropTableOptions, RebuildOptions } from './types.js';

/** What `alterTable` is told besides the changes. */
export interface AlterOptions extends RebuildOptions {
  /** Rebuild even when nothing needs it (SQLite's `rebuildTable`). */
  readonly rebuild?: boolean;
  /** The operation's name, for messages. */
  readonly what: string;
}

/** One database's way of carrying out the operations; `createOperations` picks it by dialect. */
export interface DialectOperations {
  createTable(table: TableDefinition): Promise<void>;
  dropTable(name: string, options: DropTableOptions): Promise<void>;
  renameTable(from: string, to: string): Promise<void>;
  alterTable(table: string, changes: readonly TableChange[], options: AlterOptions): Promise<void>;
  dropIndex(name: string): Promise<void>;
}
