/**
 * Traffic that arrives while a browser test runs: one more packet stored into a running site's
 * database through the writer's pipeline, as if a gateway had just published it, for the tests
 * of pages that show new packets by themselves.
 */
import { randomInt } from 'node:crypto';
import { openDatabase } from '@meshview/db';
import { BROADCAST, textEnvelope, topicFor, tracerouteEnvelope } from '@meshview/sim';
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
  const id = unusedPacketId(site);
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

/** A packet id the simulated mesh does not use. */
function unusedPacketId(site: Site): number {
  const used = new Set(site.mesh.record.packets.map((p) => p.id));
  let id: number;
  do id = randomInt(1, 0xffff_ffff);
  while (used.has(id));
  return id;
}

/** What {@link storeTracerouteReply} stores: a `RouteDiscovery` as the firmware fills it. */
export interface NewTracerouteReply {
  /** The traced node, who answers. */
  readonly from: number;
  /** The requester. */
  readonly to: number;
  readonly route: readonly number[];
  /** dB × 4, one more than `route`. */
  readonly snrTowards: readonly number[];
  readonly routeBack: readonly number[];
  /** dB × 4, one more than `routeBack`. */
  readonly snrBack: readonly number[];
  /** The gateways that heard it (node numbers), in the order they report it. */
  readonly gateways: readonly number[];
}

/**
 * Stores a traceroute reply on the default channel, reported now by each of `reply.gateways`,
 * into `site`'s database while the reader serves it (for nodes the mesh does not have, which
 * have no names or positions); returns its packet id, one the simulated mesh does not use.
 */
export async function storeTracerouteReply(site: Site, reply: NewTracerouteReply): Promise<number> {
  const id = unusedPacketId(site);
  const handle = await openDatabase(site.databaseUrl);
  try {
    const nowUs = Date.now() * 1000;
    const messages = reply.gateways.map((gateway, i) => {
      const gatewayId = `!${gateway.toString(16).padStart(8, '0')}`;
      const payload = tracerouteEnvelope(
        {
          route: [...reply.route],
          snrTowards: [...reply.snrTowards],
          routeBack: [...reply.routeBack],
          snrBack: [...reply.snrBack],
        },
        { id, from: reply.from, to: reply.to, wantResponse: false, requestId: 1, gatewayId },
      );
      return { topic: topicFor({ gatewayId }), payload, nowUs: nowUs + i };
    });
    await storeTraffic(handle.db, handle.dialect, { messages });
  } finally {
    await handle.close();
  }
  return id;
}
