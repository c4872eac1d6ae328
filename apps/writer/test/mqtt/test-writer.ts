import type { TestContext } from 'vitest';
import { freshDatabaseUrl, type DialectUnderTest } from '#test/databases.js';
import { startApp, writeAppConfig, type AppProcess } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';

/** The writer's last log line of its start. */
export const READY = /^writer ready$/;

/** A test context's `onTestFinished`: concurrent tests must use their own context's. */
export type OnFinished = TestContext['onTestFinished'];

/**
 * Starts a writer as a real child process on a fresh database with these `[mqtt]` keys, and
 * kills it when the test ends (only this test's writer: the tests of a file may run at once).
 */
export async function startWriter(
  onTestFinished: OnFinished,
  dialect: DialectUnderTest,
  name: string,
  mqtt: Readonly<Record<string, string | number>>,
): Promise<{ writer: AppProcess; url: string }> {
  const url = await freshDatabaseUrl(dialect, name);
  const config = writeAppConfig(makeTempDir(name), { connectionString: url, mqtt });
  const writer = startApp('writer', ['--config', config], { name: `writer ${name}` });
  onTestFinished(async () => {
    writer.kill('SIGKILL');
    await writer.waitForExit(10_000).catch(() => undefined);
  });
  return { writer, url };
}
