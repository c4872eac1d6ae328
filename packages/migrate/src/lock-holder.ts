/** Who takes the migration lock and sets the flag: recorded in `migration_status`. */
export interface LockHolder {
  readonly host: string;
  readonly pid: number;
  /** Unique per acquisition: the fencing token a holder checks before each revision. */
  readonly token: string;
}
