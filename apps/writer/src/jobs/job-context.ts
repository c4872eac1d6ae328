import type { Kysely } from 'kysely';
import type { Database, DialectName } from '@meshview/db';

/** The logging a job does: pino's `(fields, message)` form. */
export interface JobLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** What a job body runs with. */
export interface JobContext {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly logger: JobLogger;
  /** The current time; injectable for tests. */
  readonly now: () => Date;
}
