import pg from 'pg';

/** The PostgreSQL server tests use, from `TEST_PG_URL`; undefined when it is not set. */
export const testPgUrl: string | undefined = process.env.TEST_PG_URL || undefined;

/** Why PostgreSQL tests are skipped, for test names; undefined when they run. */
export const pgSkipReason: string | undefined = testPgUrl
  ? undefined
  : 'skipped: TEST_PG_URL is not set (.ci/run sets it; e.g. postgres://postgres@127.0.0.1:5432/postgres)';

/**
 * Creates (or re-creates) a PostgreSQL database of its own for one test file and returns its URL.
 * Advisory locks are per database, so files running in parallel never see each other's locks.
 *
 * @example const url = await createTestDatabase('migrate_engine');
 */
export async function createTestDatabase(name: string): Promise<string> {
  if (!testPgUrl) throw new Error(pgSkipReason);
  const dbName = `mvtest_${name}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${dbName}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testPgUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** Runs one statement on its own connection to `connectionString` (as that URL's role). */
export async function pgExecute(connectionString: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
