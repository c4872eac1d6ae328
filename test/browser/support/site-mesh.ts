/**
 * The mesh every browser test looks at, stored through the writer's real pipeline. The one place
 * that says which generator fills the site: page tests read its `record` for their expected
 * values and never call the generator themselves.
 */
import type { Kysely } from 'kysely';
import type { Database, DialectName } from '@meshview/db';
import { meshTraffic, TRAFFIC_NODES, type TrafficManifest } from '@meshview/sim';
import { storeTraffic } from '#test/store-traffic.js';

/** The generator's seed: the same mesh on every run. */
export const SITE_SEED = 12;

/** What the site's database holds, as the generator sent it. */
export interface SiteMesh {
  /** The generator's clock (µs since the epoch): the newest traffic is from just before it. */
  readonly nowUs: number;
  /** The generator's record of what it sent: the expected values of the page tests. */
  readonly record: TrafficManifest;
  /** A node that announced itself and sent text, for tests that open some node's page. */
  readonly node: { readonly id: number; readonly longName: string };
  /** A text message that was stored, for tests that open some packet's page. */
  readonly packet: { readonly id: number; readonly text: string };
}

/**
 * Generates the mesh for a clock at `nowUs` and stores it into `db` (migrated to head) through
 * the writer's pipeline (packages/mesh's decoding, the writer's `PacketStore`).
 */
export async function fillSiteMesh(
  db: Kysely<Database>,
  dialect: DialectName,
  nowUs: number,
): Promise<SiteMesh> {
  // TODO(issue 12): simulateMesh({ seed: SITE_SEED, nowUs }) once @meshview/sim has it.
  const record = meshTraffic(nowUs);
  await storeTraffic(db, dialect, record);
  return {
    nowUs,
    record,
    node: { id: TRAFFIC_NODES.alice.num, longName: TRAFFIC_NODES.alice.longName },
    packet: { id: record.ids.broadcastText, text: 'Hello mesh, net check-in #weeklynet' },
  };
}
