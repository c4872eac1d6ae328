import { Type, type Static } from 'typebox';

const Flag = Type.Union([Type.Literal('true'), Type.Literal('false')]);

/**
 * `GET /api/config`: the site's public settings (MeshView's subset, plus `map_tile_url` and
 * `map_tile_urls`).
 */
export const ConfigResponseSchema = Type.Object({
  site: Type.Object({
    domain: Type.String(),
    language: Type.String(),
    title: Type.String(),
    message: Type.String(),
    starting: Type.String(),
    nodes: Flag,
    chat: Flag,
    everything: Flag,
    graphs: Flag,
    stats: Flag,
    net: Flag,
    map: Flag,
    top: Flag,
    map_top_left_lat: Type.Number(),
    map_top_left_lon: Type.Number(),
    map_bottom_right_lat: Type.Number(),
    map_bottom_right_lon: Type.Number(),
    map_interval: Type.Number(),
    firehose_interval: Type.Number(),
    weekly_net_message: Type.String(),
    net_tag: Type.String(),
    map_tile_url: Type.String(),
    map_tile_urls: Type.Array(
      Type.Object({
        name: Type.String({ description: "the base map's name in the chooser" }),
        url: Type.String({ description: 'a Leaflet tile URL template' }),
        attribution: Type.Optional(
          Type.String({ description: "the credit the tiles' provider asks for (plain text)" }),
        ),
      }),
      { description: 'base maps offered besides map_tile_url, which comes first' },
    ),
    version: Type.String(),
  }),
  mqtt: Type.Object({ server: Type.String(), topics: Type.Array(Type.String()) }),
  cleanup: Type.Object({
    enabled: Flag,
    days_to_keep: Type.Number(),
    hour: Type.Number(),
    minute: Type.Number(),
    vacuum: Flag,
  }),
});
export type ConfigResponse = Static<typeof ConfigResponseSchema>;

/** `GET /api/lang`: sections of translated strings (or one section's strings). */
export type Translations = Record<string, Record<string, string>>;

/** A language code as the translation files are named: `en`, `es`, `pt-BR`, `zh_Hant`. */
const LANGUAGE = '^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$';
const SECTION = '^[A-Za-z0-9_.-]{1,64}$';

/** `GET /api/lang`'s parameters. */
export const LangQuerySchema = Type.Object({
  lang: Type.Optional(
    Type.String({ pattern: LANGUAGE, description: 'defaults to [site] language, then en' }),
  ),
  section: Type.Optional(Type.String({ pattern: SECTION, description: 'e.g. base' })),
});
export type LangQuery = Static<typeof LangQuerySchema>;
