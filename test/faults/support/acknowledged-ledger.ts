import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { MqttClient } from 'mqtt';
import { openDatabase } from '@meshview/db';
import { freshPacketId, textEnvelope } from '@meshview/sim';
import { publish } from '#test/mqtt.js';

/** The acknowledged messages set against the stored ones. */
export interface LedgerCount {
  /** Rows in `packet`. */
  readonly stored: number;
  /** Acknowledged messages whose packet is not stored: lost. */
  readonly missing: number;
  /** Stored packets the publisher never saw acknowledged (sent as a broker went away). */
  readonly unacknowledgedStored: number;
}

/** Every packet id in `packet`. */
export async function storedPacketIds(url: string): Promise<Set<number>> {
  const handle = await openDatabase<unknown>(url);
  try {
    const { rows } = await sql<{ id: number | string }>`SELECT id FROM packet`.execute(handle.db);
    return new Set(rows.map((row) => Number(row.id)));
  } finally {
    await handle.close();
  }
}

/**
 * Counts the acknowledged packet ids that are not stored, and what was stored beyond them;
 * `exclude` are packets of the test's own (the drain's last message) left out of every count.
 */
export async function countAgainstStored(
  url: string,
  ackedIds: readonly number[],
  exclude: readonly number[] = [],
): Promise<LedgerCount> {
  const stored = await storedPacketIds(url);
  for (const id of exclude) stored.delete(id);
  const acked = new Set(ackedIds);
  const missing = [...acked].filter((id) => !stored.has(id)).length;
  const unacknowledgedStored = [...stored].filter((id) => !acked.has(id)).length;
  return { stored: stored.size, missing, unacknowledgedStored };
}

/**
 * Waits until the writer has taken and committed everything the broker held for it: publishes
 * one last message (QoS 1, on the stream's topic, after the stream stopped) and waits until its
 * packet is stored. The broker delivers a session's messages in order and the writer commits
 * its batches in the order their messages arrived (docs/WRITER.md), so everything before it is
 * committed too. Returns the packet id of that last message, which the caller leaves out of
 * its counts.
 */
export async function waitUntilDrained(
  client: MqttClient,
  topic: string,
  url: string,
  timeoutMs: number,
): Promise<number> {
  const id = freshPacketId();
  await publish(client, topic, textEnvelope('drained?', { id }));
  const handle = await openDatabase<unknown>(url);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await sql`SELECT 1 AS one FROM packet WHERE id = ${id}`.execute(handle.db);
      if (rows.length > 0) return id;
      if (Date.now() > deadline)
        throw new Error(`the writer did not store the last message within ${timeoutMs} ms`);
      await sleep(500);
    }
  } finally {
    await handle.close();
  }
}
