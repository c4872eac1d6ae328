import { createReadStream, createWriteStream, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGunzip } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshPacketId, textEnvelope, topicFor } from '@meshview/sim';
import { backupFileName, backupsOf } from '../../src/jobs/backup/backup-file-name.js';
import { BackupNoRoomError } from '../../src/jobs/backup/backup-errors.js';
import { assertDiskRoom } from '../../src/jobs/backup/disk-room.js';
import { backupSqlite } from '../../src/jobs/backup/sqlite-backup.js';
import { scheduleWriterJobs } from '../../src/jobs/writer-jobs.js';
import { catchError } from '#test/catch-error.js';
import { DIALECTS, freshDatabaseUrl } from '#test/databases.js';
import { migratedDatabases } from '#test/migrated-databases.js';
import { connectPublisher, uniqueTopicRoot } from '#test/mqtt.js';
import {
  killAllApps,
  startApp,
  waitUntil,
  writeAppConfig,
  type AppProcess,
} from '#test/processes.js';
import { makeTempDir } from '#test/tmp.js';
import { recordingLogger } from './logger.js';

/** The packet ids in a SQLite file, read through a connection of its own. */
function packetIds(file: string): Set<number> {
  const db = new BetterSqlite3(file, { readonly: true, timeout: 5000 });
  try {
    return new Set(db.prepare('SELECT id FROM packet').pluck().all() as number[]);
  } finally {
    db.close();
  }
}

async function gunzip(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from), createGunzip(), createWriteStream(to));
}

describe('backup file names', () => {
  it("uses MeshView's name, in local time, and lists only a database's daily backups", () => {
    const name = backupFileName('/data/packets.db', new Date(2026, 11, 6, 2, 0, 5));
    expect(name).toBe('packets_backup_20261206_020005.db.gz');
    expect(
      backupsOf('/data/packets.db', [
        'packets_backup_20261207_020000.db.gz',
        name,
        'packets.db.base-to-x.2026.bak',
        'other_backup_20261206_020000.db.gz',
        'packets_backup_20261208_020000.db.gz.partial',
        'notes.txt',
      ]),
    ).toEqual([name, 'packets_backup_20261207_020000.db.gz']);
  });
});

describe('assertDiskRoom', () => {
  it('refuses when the free bytes are fewer than needed, naming the folder and both sizes', () => {
    expect(() => assertDiskRoom('/b', { bavail: 10, bsize: 4096 }, 40_960)).not.toThrow();
    const error = catchError(() => assertDiskRoom('/b', { bavail: 10, bsize: 4096 }, 40_961));
    expect(error).toBeInstanceOf(BackupNoRoomError);
    expect(error).toMatchObject({ code: 'BACKUP_NO_ROOM' });
    expect((error as Error).message).toContain('/b has 40960 bytes free');
    expect((error as Error).message).toContain('needs 40961');
  });
});

describe('backupSqlite while the writer ingests (SQLite)', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => {});
    await killAllApps();
  });

  it(
    'copies every row committed before it started, while ingest goes on, and the restored ' +
      'copy takes ingest again',
    async () => {
      const dir = makeTempDir('backup-ingest');
      const url = await freshDatabaseUrl('sqlite', 'backup_ingest');
      const file = url.slice('sqlite:///'.length);
      const root = uniqueTopicRoot('backup');
      const config = writeAppConfig(dir, {
        connectionString: url,
        mqtt: { topics: JSON.stringify([`${root}/#`]) },
      });
      const topic = topicFor({ root, gatewayId: '!0a0b0c0d', channelId: 'LongFast' });
      const startWriter = async (): Promise<{ writer: AppProcess; client: MqttClient }> => {
        const writer = startApp('writer', ['--config', config]);
        const ready = await writer.waitForLog(/^writer ready$/, 30_000);
        const client = await connectPublisher(`mqtt://127.0.0.1:${String(ready.brokerPort)}`);
        closers.push(() => client.endAsync());
        return { writer, client };
      };

      // A database of some size (12 MB), so that the copy takes many steps.
      const first = await startWriter();
      const filler = new BetterSqlite3(file, { timeout: 10_000 });
      filler.exec('CREATE TABLE filler (b BLOB)');
      const insert = filler.prepare('INSERT INTO filler (b) VALUES (randomblob(4000))');
      filler.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run();
      })();
      filler.close();

      // A steady stream: a text message every 10 ms.
      const published: number[] = [];
      const steady = setInterval(() => {
        const id = freshPacketId();
        published.push(id);
        first.client.publish(topic, Buffer.from(textEnvelope('steady', { id })), { qos: 0 });
      }, 10);
      closers.push(() => Promise.resolve(clearInterval(steady)));
      await waitUntil(() => packetIds(file).size >= 50, { timeoutMs: 20_000, what: '50 packets' });

      const committedBefore = packetIds(file);
      const backups = join(dir, 'backups');
      const logger = recordingLogger();
      const result = await backupSqlite({
        database: file,
        dir: backups,
        keep: 0,
        logger,
        pagesPerStep: 16,
        // Holds the backup for a second between its snapshot and its copy, while the writer
        // commits: those commits must not be in the copy, and must not restart it.
        statfs: async (path) => {
          await sleep(1000);
          return statfs(path);
        },
      });
      const committedAfter = packetIds(file);
      clearInterval(steady);

      const restored = join(dir, 'restored.db');
      await gunzip(result.file, restored);
      const copy = new BetterSqlite3(restored, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      copy.close();
      const inCopy = packetIds(restored);
      for (const id of committedBefore) expect(inCopy.has(id)).toBe(true);
      for (const id of inCopy) expect(committedAfter.has(id)).toBe(true);
      // The writer went on while the backup ran, and the copy is the snapshot of its start.
      expect(committedAfter.size).toBeGreaterThan(inCopy.size);
      expect(result.databaseBytes).toBeGreaterThan(12_000_000);
      expect(result.compressedBytes).toBeGreaterThan(0);
      expect(logger.lines.map((l) => l.message)).toEqual([
        expect.stringMatching(/^backup started: /),
        'backup copied; compressing',
        expect.stringMatching(/^backup done: /),
      ]);

      // Restore: stop the writer, put the copy in place (without the old WAL), start it again.
      expect((await first.writer.stop()).code).toBe(0);
      rmSync(file, { force: true });
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
      await gunzip(result.file, file);
      const second = await startWriter();
      const later = Array.from({ length: 5 }, () => freshPacketId());
      for (const id of later)
        second.client.publish(topic, Buffer.from(textEnvelope('after restore', { id })), {
          qos: 1,
        });
      await waitUntil(() => later.every((id) => packetIds(file).has(id)), {
        timeoutMs: 20_000,
        what: 'the packets published after the restore',
      });
      const now = packetIds(file);
      for (const id of inCopy) expect(now.has(id)).toBe(true);
      expect((await second.writer.stop()).code).toBe(0);
    },
    90_000,
  );
});

describe('backupSqlite (SQLite)', () => {
  const fresh = migratedDatabases();

  it('keeps the newest backup_keep backups and touches no other file', async () => {
    const { target } = await fresh('sqlite', 'backup_keep');
    if (target.dialect !== 'sqlite') throw new Error('sqlite expected');
    const backups = join(makeTempDir('backup-keep'), 'backups');
    const recorder = recordingLogger();
    // What the folder holds at the moment each backup is reported done.
    const seenAtDone: string[][] = [];
    const logger = {
      ...recorder,
      info: (fields: Record<string, unknown>, message: string) => {
        if (message.startsWith('backup done')) seenAtDone.push(readdirSync(backups));
        recorder.info(fields, message);
      },
    };
    const taken: string[] = [];
    for (const day of [1, 2, 3, 4]) {
      const result = await backupSqlite({
        database: target.filename,
        dir: backups,
        keep: 2,
        logger,
        now: () => new Date(2026, 0, day, 2, 0, 0),
      });
      taken.push(result.file);
      if (day === 1) writeFileSync(join(backups, 'notes.txt'), 'mine');
    }
    const names = readdirSync(backups).sort();
    expect(names).toEqual([
      'backup_keep_backup_20260103_020000.db.gz',
      'backup_keep_backup_20260104_020000.db.gz',
      'notes.txt',
    ]);
    expect(
      logger.lines.filter((l) => l.message.startsWith('backup done')).at(-1)?.fields,
    ).toMatchObject({
      pruned: ['backup_keep_backup_20260102_020000.db.gz'],
    });
    // No temporary file is left when a backup is reported done.
    expect(seenAtDone).toHaveLength(4);
    for (const names of seenAtDone) {
      expect(names.filter((n) => !/(\.db\.gz|^notes\.txt)$/.test(n))).toEqual([]);
    }
  });

  it("refuses, leaving nothing behind, when the disk lacks room (the real folder's free bytes)", async () => {
    const { target } = await fresh('sqlite', 'backup_room');
    if (target.dialect !== 'sqlite') throw new Error('sqlite expected');
    const backups = join(makeTempDir('backup-room'), 'backups');
    const logger = recordingLogger();
    // The real file system's free bytes, as margin: the copy plus it cannot fit.
    const room = await statfs(makeTempDir('backup-room-probe'));
    const error = await backupSqlite({
      database: target.filename,
      dir: backups,
      keep: 0,
      logger,
      marginBytes: room.bavail * room.bsize,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupNoRoomError);
    expect((error as Error).message).toMatch(
      new RegExp(`^backup refused: ${backups} has \\d+ bytes free and the backup needs \\d+`),
    );
    expect(readdirSync(backups)).toEqual([]);
  });
});

for (const { name: dialect, skip } of DIALECTS) {
  describe.skipIf(skip)(`the scheduled backup on ${dialect}${skip ? ` (${skip})` : ''}`, () => {
    const fresh = migratedDatabases();
    afterEach(() => {
      vi.useRealTimers();
    });

    it(
      dialect === 'sqlite'
        ? 'runs at backup_hour:backup_minute local time'
        : "logs once that backups are pg_dump's job, and schedules none",
      async () => {
        const handle = await fresh(dialect, 'backup_schedule');
        const backups = join(makeTempDir('backup-schedule'), 'backups');
        const backup = {
          backupEnabled: true,
          backupDir: backups,
          backupHour: 3,
          backupMinute: 30,
          backupKeep: 0,
        };
        const logger = recordingLogger();
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        vi.setSystemTime(new Date(2026, 2, 10, 3, 0));
        const jobs = scheduleWriterJobs({
          db: handle.db,
          dialect,
          logger,
          cleanup: { enabled: false, daysToKeep: 14, hour: 2, minute: 0, vacuum: false },
          snapshot: { hour: 1, minute: 0 },
          backup,
          sqliteFile: handle.target.dialect === 'sqlite' ? handle.target.filename : null,
        });
        try {
          if (dialect === 'sqlite') {
            expect(jobs.schedules.map((s) => s.nextRunAt)).toEqual([
              new Date(2026, 2, 11, 1, 0),
              new Date(2026, 2, 10, 3, 30),
            ]);
            await vi.advanceTimersByTimeAsync(30 * 60_000);
            vi.useRealTimers();
            await waitUntil(() => logger.lines.some((l) => l.message.startsWith('backup done')), {
              timeoutMs: 10_000,
              what: 'the backup',
            });
            expect(readdirSync(backups)).toEqual(['backup_schedule_backup_20260310_033000.db.gz']);
          } else {
            expect(jobs.schedules).toHaveLength(1);
            const lines = logger.lines.filter((l) => l.message.includes('pg_dump'));
            expect(lines).toHaveLength(1);
            expect(lines[0]!.message).toContain('backup_enabled');
          }
        } finally {
          await jobs.stop();
        }
      },
    );
  });
}
