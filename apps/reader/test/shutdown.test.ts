import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseConnection } from '@meshview/db';
import { createMeshviewMigrator } from '@meshview/migrations';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { killAllApps, startApp, waitUntil, writeAppConfig } from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';

const LISTENING = /^reader listening on /;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`the reader process on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const handles: DatabaseConnection[] = [];
    afterEach(async () => {
      await killAllApps();
      for (const handle of handles.splice(0)) await handle.close();
    });

    it('logs requests with the client address behind a trusted proxy, and finishes a request in flight when stopped', async () => {
      const url = await freshDatabaseUrl(dialect, 'reader_shutdown');
      const writer = await openDatabase(url);
      handles.push(writer);
      await (
        await createMeshviewMigrator({ dialect: writer.dialect, db: writer.db })
      ).upgrade('head');
      // SQLite: a rollback journal, so that an exclusive lock holds readers back (WAL would not).
      if (dialect === 'sqlite') await sql`PRAGMA journal_mode = DELETE`.execute(writer.db);
      const config = writeAppConfig(makeTempDir('reader-shutdown'), { connectionString: url });

      const reader = startApp('reader', ['--config', config], {
        env: { MESHVIEW_LOGGING__ACCESS_LOG: 'true', MESHVIEW_SERVER__TRUST_PROXY: 'true' },
      });
      const base = String((await reader.waitForLog(LISTENING, 20_000)).address);

      const version = await fetch(`${base}/version`, {
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      expect(version.status).toBe(200);
      const logged = await reader.waitForLog(
        (l) => l.msg === 'incoming request' && (l.req as { url?: string })?.url === '/version',
        5_000,
      );
      expect((logged.req as { remoteAddress?: string }).remoteAddress).toBe('203.0.113.7');

      // Hold the packet table so that /health's query waits, then stop the reader meanwhile.
      const release = await lockPacketTable(dialect, writer);
      const inFlight = fetch(`${base}/health`);
      await reader.waitForLog(
        (l) => l.msg === 'incoming request' && (l.req as { url?: string })?.url === '/health',
        5_000,
      );
      reader.kill('SIGTERM');
      if (dialect === 'postgres') {
        await reader.waitForLog('reader stopping', 5_000);
        // No new connections once stopping…
        const refused = () =>
          fetch(`${base}/version`).then(
            () => false,
            () => true,
          );
        await waitUntil(refused, { timeoutMs: 5_000, what: 'the reader to stop accepting' });
        // …but the request in flight is still answered, once the lock is gone.
        expect(reader.running).toBe(true);
      } else {
        // better-sqlite3 waits for the lock synchronously: the signal is handled once the query
        // has its answer, so the request is finished first whatever the timing.
        await sleep(300);
      }
      await release();
      const answer = await inFlight.catch((error: Error) => {
        throw new Error(`${error.message}\n${reader.output()}`);
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ status: 'ok', database: 'connected' });
      expect(await reader.waitForExit(10_000), reader.output()).toEqual({ code: 0, signal: null });
      expect(reader.findLog('reader stopped')).toBeDefined();
      expect(reader.findLog('reader stopping')).toBeDefined();
    });

    if (dialect === 'sqlite') {
      it('stops with 0 when signalled while still waiting for the schema', async () => {
        const url = await freshDatabaseUrl(dialect, 'reader_wait_stop');
        const config = writeAppConfig(makeTempDir('reader-wait-stop'), {
          connectionString: url,
          waitRetries: 100,
          waitDelayS: 0.2,
        });
        const reader = startApp('reader', ['--config', config]);
        await reader.waitForLog('waiting for the schema to be current', 20_000);
        expect(await reader.stop(), reader.output()).toEqual({ code: 0, signal: null });
        expect(reader.stderr).toBe('');
      });
    }
  });
}

/** Locks `packet` against readers from another connection; resolves to the function that frees it. */
async function lockPacketTable(
  dialect: string,
  writer: DatabaseConnection,
): Promise<() => Promise<void>> {
  let free!: () => void;
  const freed = new Promise<void>((resolve) => (free = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = writer.db.connection().execute(async (db) => {
    if (dialect === 'sqlite') await sql`BEGIN EXCLUSIVE`.execute(db);
    else await sql`BEGIN`.execute(db);
    if (dialect === 'postgres') await sql`LOCK TABLE packet IN ACCESS EXCLUSIVE MODE`.execute(db);
    locked();
    await freed;
    await sql`COMMIT`.execute(db);
  });
  await isLocked;
  return async () => {
    free();
    await done;
  };
}
