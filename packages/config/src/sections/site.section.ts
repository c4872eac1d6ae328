import { booleanType } from '../field-types/boolean-type.js';
import { floatType } from '../field-types/float-type.js';
import { integerType } from '../field-types/integer-type.js';
import { stringType } from '../field-types/string-type.js';
import { tileSourceListType, type TileSource } from '../field-types/tile-source-list-type.js';
import type { SectionSpec } from '../section-spec.js';

/** `[site]`: what the pages show. Property names are the camelCase of MeshView's keys. */
export interface SiteConfig {
  /** Shown in the header. */
  readonly domain: string;
  /** The translation file name in `lang/` (`en`, `es`, `ru`). */
  readonly language: string;
  readonly title: string;
  /** The line shown under the title. */
  readonly message: string;
  /** Where `/` redirects; MeshView's code default `/map` (its sample sets `/chat`). */
  readonly starting: string;
  /** Menu toggles. */
  readonly nodes: boolean;
  /** Read from `chat`, or from MeshView's sample key `conversations` (`chat` wins if both). */
  readonly chat: boolean;
  readonly everything: boolean;
  readonly graphs: boolean;
  readonly stats: boolean;
  readonly net: boolean;
  readonly map: boolean;
  readonly top: boolean;
  /** Initial map bounds, in degrees. */
  readonly mapTopLeftLat: number;
  readonly mapTopLeftLon: number;
  readonly mapBottomRightLat: number;
  readonly mapBottomRightLon: number;
  /** Seconds between live map updates; 0 or less turns them off. */
  readonly mapInterval: number;
  /**
   * Seconds between firehose updates; 0 or less turns them off. Also read from the sample's typo
   * `firehose_interal` (`firehose_interval` wins if both).
   */
  readonly firehoseInterval: number;
  readonly weeklyNetMessage: string;
  /** The hashtag that marks check-ins on the net page. */
  readonly netTag: string;
  /** The map's tile URL template (our addition). */
  readonly mapTileUrl: string;
  /** Base maps offered besides `mapTileUrl`, in the chooser's order (our addition). */
  readonly mapTileUrls: readonly TileSource[];
}

const flag = (key: string, aliases?: readonly string[]) =>
  ({ key, type: booleanType(), default: true, ...(aliases ? { aliases } : {}) }) as const;

/** The schema of {@link SiteConfig}; defaults are those of MeshView's code and `/api/config`. */
export const siteSection: SectionSpec<SiteConfig> = {
  domain: { key: 'domain', type: stringType({ acceptsEmpty: true }), default: '' },
  language: { key: 'language', type: stringType({ acceptsEmpty: false }), default: 'en' },
  title: { key: 'title', type: stringType({ acceptsEmpty: true }), default: 'MeshView' },
  message: { key: 'message', type: stringType({ acceptsEmpty: true }), default: '' },
  starting: { key: 'starting', type: stringType({ acceptsEmpty: false }), default: '/map' },
  nodes: flag('nodes'),
  chat: flag('chat', ['conversations']),
  everything: flag('everything'),
  graphs: flag('graphs'),
  stats: flag('stats'),
  net: flag('net'),
  map: flag('map'),
  top: flag('top'),
  mapTopLeftLat: { key: 'map_top_left_lat', type: floatType({ min: -90, max: 90 }), default: 39 },
  mapTopLeftLon: {
    key: 'map_top_left_lon',
    type: floatType({ min: -180, max: 180 }),
    default: -123,
  },
  mapBottomRightLat: {
    key: 'map_bottom_right_lat',
    type: floatType({ min: -90, max: 90 }),
    default: 36,
  },
  mapBottomRightLon: {
    key: 'map_bottom_right_lon',
    type: floatType({ min: -180, max: 180 }),
    default: -121,
  },
  mapInterval: { key: 'map_interval', type: integerType(), default: 3 },
  firehoseInterval: {
    key: 'firehose_interval',
    aliases: ['firehose_interal'],
    type: integerType(),
    default: 3,
  },
  weeklyNetMessage: {
    key: 'weekly_net_message',
    type: stringType({ acceptsEmpty: true }),
    default: 'Weekly Mesh check-in message.',
  },
  netTag: { key: 'net_tag', type: stringType({ acceptsEmpty: true }), default: '#BayMeshNet' },
  mapTileUrl: {
    key: 'map_tile_url',
    type: stringType({ acceptsEmpty: false }),
    default: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  },
  mapTileUrls: { key: 'map_tile_urls', type: tileSourceListType(), default: Object.freeze([]) },
};
