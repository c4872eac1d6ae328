/**
 * The mesh every browser test looks at, stored through the writer's real pipeline. The one place
 * that says which generator fills the site: page tests read its `record` for their expected
 * values and never call the generator themselves.
 */
import type { Kysely } from 'kysely';
import type { Database, DialectName } from '@meshview/db';
import {
  BROADCAST,
  simulateMesh,
  SIM_SECONDARY_KEY_BASE64,
  type MeshRecord,
  type SimNode,
  type SimPacket,
} from '@meshview/sim';
import { storeTraffic } from '#test/store-traffic.js';

/** The generator's seed: the same mesh for the same clock. */
export const SITE_SEED = 12;

/** What the site's database holds, as the generator sent it. */
export interface SiteMesh {
  /** The generator's clock (µs since the epoch): the newest traffic is from just before it. */
  readonly nowUs: number;
  /**
   * The generator's record of what it sent (`simulateMesh`'s 40 nodes over 48 hours): the
   * expected values of the page tests. Only `decodable` packets are readable in the database
   * (the writer has the default and the secondary key, not the private group's).
   */
  readonly record: MeshRecord;
  /** The sender of {@link packet}, for tests that open some node's page. */
  readonly node: SimNode;
  /**
   * A text message to everyone (pages do not show a direct message's text) that gateways heard
   * and the writer could read, for some packet's page.
   */
  readonly packet: SimPacket & {
    readonly content: { readonly kind: 'text'; readonly text: string };
  };
}

/**
 * Generates the mesh for a clock at `nowUs` and stores it into `db` (migrated to head) through
 * the writer's pipeline (packages/mesh's decoding with the default and the secondary key, the
 * writer's `PacketStore`).
 */
export async function fillSiteMesh(
  db: Kysely<Database>,
  dialect: DialectName,
  nowUs: number,
): Promise<SiteMesh> {
  const mesh = simulateMesh({ seed: SITE_SEED, nowUs });
  await storeTraffic(db, dialect, mesh, { secondaryKeys: [SIM_SECONDARY_KEY_BASE64] });
  const { record } = mesh;
  const packet = record.packets.findLast(
    (p): p is SiteMesh['packet'] =>
      p.decodable &&
      p.content.kind === 'text' &&
      p.to === BROADCAST &&
      p.receptions.length > 1 &&
      p.replyId === 0,
  );
  const node = record.nodes.find((n) => n.num === packet?.from);
  if (!packet || !node)
    throw new Error(`the mesh of seed ${SITE_SEED} has no broadcast text heard twice`);
  return { nowUs: record.nowUs, record, node, packet };
}
