/**
 * Says once, at the top of the run, which service-backed suites are skipped and why (the suites'
 * names say it too).
 */
export default function setup(): void {
  const missing: string[] = [];
  if (!process.env.TEST_PG_URL) {
    missing.push(
      'PostgreSQL suites are SKIPPED: TEST_PG_URL is not set (e.g. TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres; .ci/run sets it)',
    );
  }
  for (const line of missing) process.stdout.write(`\n${line}\n`);
}
