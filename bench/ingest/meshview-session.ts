/** A parameter of a statement: what both drivers bind. */
export type SqlValue = string | number | boolean | Buffer | null;

/**
 * One connection, one statement at a time, as MeshView's store uses its session: SQL with
 * `$1, $2, …` placeholders (in order), one row read or a statement run.
 */
export interface MeshviewSession {
  /** Whether `text` finds a row. */
  exists(text: string, values: readonly SqlValue[]): Promise<boolean>;
  run(text: string, values: readonly SqlValue[]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  close(): Promise<void>;
}
