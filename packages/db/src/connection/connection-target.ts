/** A SQLite database to open. */
export interface SqliteTarget {
  readonly dialect: 'sqlite';
  /** An absolute path (in-memory databases are refused by `parseConnectionString`). */
  readonly filename: string;
  /** Query parameters of the URL; kept, not interpreted. */
  readonly params: Readonly<Record<string, string>>;
  /** For logs and messages. */
  readonly display: string;
}

/** A PostgreSQL database to open; `null` leaves a part to pg's defaults (`PGHOST`, …). */
export interface PostgresTarget {
  readonly dialect: 'postgres';
  readonly host: string | null;
  readonly port: number | null;
  readonly user: string | null;
  readonly password: string | null;
  readonly database: string | null;
  /** Query parameters (`sslmode`, `options`, …), passed on to pg. */
  readonly params: Readonly<Record<string, string>>;
  /** For logs and messages: the URL with the password masked. */
  readonly display: string;
}

/** Where a `connection_string` points: the result of `parseConnectionString`. */
export type ConnectionTarget = SqliteTarget | PostgresTarget;
