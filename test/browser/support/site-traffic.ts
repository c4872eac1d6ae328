/**
 * Traffic that arrives while a browser test runs: one more packet stored into a running site's
 * database through the writer's pipeline, as if a gateway had just published it, for the tests
 * of pages that show new packets by themselves.
 */
import { randomInt } from 'node:crypto';
import { openDatabase } from '@meshview/db';
import { BROADCAST, textEnvelope, topicFor } from '@meshview/sim';
import { storeTraffic } from '#test/store-traffic.js';
import type { Site } from './site.js';

/** What {@link storeTextMessage} stores. */
export interface NewTextMessage {
  /** The sender's node number. */
  readonly from: number;
  /** The addressee's node number; broadcast by default. */
  readonly to?: number;
  readonly text: string;
  /** The message it replies to (`Data.reply_id`); none by default. */
  readonly replyId?: number;
}

/**
 * Stores a text message on the default channel, heard by the default gateway now (its
 * `import_time_us` is the clock's), into `site`'s database while the reader serves it; returns
 * its packet id, one the simulated mesh does not use.
 *
 * @example
 * const id = await storeTextMessage(site.site, { from: site.mesh.node.num, text: 'hello' });
 * await page.locator(`tr[data-packet-id="${id}"]`).waitFor();
 */
export async function storeTextMessage(site: Site, message: NewTextMessage): Promise<number> {
  const used = new Set(site.mesh.record.packets.map((p) => p.id));
  let id: number;
  do id = randomInt(1, 0xffff_ffff);
  while (used.has(id));
  const handle = await openDatabase(site.databaseUrl);
  try {
    const payload = textEnvelope(message.text, {
      id,
      from: message.from,
      to: message.to ?? BROADCAST,
      ...(message.replyId === undefined ? {} : { replyId: message.replyId }),
    });
    await storeTraffic(handle.db, handle.dialect, {
      messages: [{ topic: topicFor(), payload, nowUs: Date.now() * 1000 }],
    });
  } finally {
    await handle.close();
  }
  return id;
}
