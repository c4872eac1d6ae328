import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY_US } from '@meshview/db';
import { scheduleWriterJobs } from '../../src/jobs/writer-jobs.js';
import { PacketStore } from '../../src/storage/packet-store.js';
import { DIALECTS } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';
import { report } from '#test/records.js';
import { recordingLogger } from './logger.js';

const HOUR = 3_600_000;

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`scheduleWriterJobs on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();
    afterEach(() => {
      vi.useRealTimers();
    });

    it('takes the snapshot and runs the cleanup at their local times', async () => {
      const { db } = await fresh(dialect, 'writer_jobs');
      const store = await PacketStore.open({ db, dialect });
      const start = new Date(2026, 2, 10, 0, 30);
      await store.writeBatch([
        report({ id: 1, importUs: start.getTime() * 1000 - 30 * DAY_US }),
        report({ id: 2, importUs: start.getTime() * 1000 }),
      ]);
      // Only the timers the schedules use: the database drivers keep their real ones.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      vi.setSystemTime(start);
      const logger = recordingLogger();
      const jobs = scheduleWriterJobs({
        db,
        dialect,
        logger,
        cleanup: { enabled: true, daysToKeep: 14, hour: 2, minute: 0, vacuum: false },
        snapshot: { hour: 1, minute: 0 },
      });
      expect(jobs.schedules.map((s) => s.nextRunAt)).toEqual([
        new Date(2026, 2, 10, 1, 0),
        new Date(2026, 2, 10, 2, 0),
      ]);
      await vi.advanceTimersByTimeAsync(HOUR);
      await vi.waitUntil(() => logger.lines.some((l) => l.message === 'daily snapshot captured'));
      await vi.advanceTimersByTimeAsync(HOUR);
      await vi.waitUntil(() => logger.lines.some((l) => l.message === 'cleanup done'));
      await jobs.stop();

      expect((await db.selectFrom('daily_snapshot').selectAll().execute())[0]).toMatchObject({
        packet_count: 2,
      });
      expect(await db.selectFrom('packet').select('id').execute()).toEqual([{ id: 2 }]);
    });

    it('schedules no cleanup when [cleanup] is not enabled', async () => {
      const { db } = await fresh(dialect, 'writer_jobs_off');
      const jobs = scheduleWriterJobs({
        db,
        dialect,
        logger: recordingLogger(),
        cleanup: { enabled: false, daysToKeep: 14, hour: 2, minute: 0, vacuum: false },
        snapshot: { hour: 1, minute: 0 },
      });
      expect(jobs.schedules).toHaveLength(1);
      await jobs.stop();
    });
  });
}
