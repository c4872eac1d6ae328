import type { FastifyPluginCallback } from 'fastify';
import { ConfigResponseSchema, type ConfigResponse } from '@meshview/api';
import type { Config } from '@meshview/config';

/** MeshView's `"true"`/`"false"` spelling of a flag in `/api/config`. */
const flag = (value: boolean): 'true' | 'false' => (value ? 'true' : 'false');

/**
 * The part of the config the pages need, as MeshView's `/api/config` gives it. Built field by
 * field from a list, never by copying sections: no password, key, connection string or file path
 * can slip in when a section grows.
 */
export function publicConfig(config: Config, version: string): ConfigResponse {
  const { site, mqtt, cleanup } = config;
  return {
    site: {
      domain: site.domain,
      language: site.language,
      title: site.title,
      message: site.message,
      starting: site.starting,
      nodes: flag(site.nodes),
      chat: flag(site.chat),
      everything: flag(site.everything),
      graphs: flag(site.graphs),
      stats: flag(site.stats),
      net: flag(site.net),
      map: flag(site.map),
      top: flag(site.top),
      map_top_left_lat: site.mapTopLeftLat,
      map_top_left_lon: site.mapTopLeftLon,
      map_bottom_right_lat: site.mapBottomRightLat,
      map_bottom_right_lon: site.mapBottomRightLon,
      map_interval: site.mapInterval,
      firehose_interval: site.firehoseInterval,
      weekly_net_message: site.weeklyNetMessage,
      net_tag: site.netTag,
      map_tile_url: site.mapTileUrl,
      map_tile_urls: site.mapTileUrls.map(({ name, url, attribution }) => ({
        name,
        url,
        ...(attribution === undefined ? {} : { attribution }),
      })),
      version,
    },
    mqtt: {
      // Only the broker's name: a URL may carry user:password, which is cut off here.
      server: brokerName(mqtt.server),
      topics: [...mqtt.topics],
    },
    cleanup: {
      enabled: flag(cleanup.enabled),
      days_to_keep: cleanup.daysToKeep,
      hour: cleanup.hour,
      minute: cleanup.minute,
      vacuum: flag(cleanup.vacuum),
    },
  };
}

/** A broker URL without its credentials, path or query; a plain host name as written. */
function brokerName(server: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(server)) return server;
  try {
    const url = new URL(server);
    return `${url.protocol}//${url.host}`;
  } catch {
    return server.replace(/\/\/[^@/]*@/, '//');
  }
}

/** `/api/config`: the site's settings for the pages; never a secret. */
export const configRoutes: FastifyPluginCallback<{
  readonly config: Config;
  readonly version: string;
}> = (app, { config, version }, done) => {
  const body = publicConfig(config, version);
  app.get(
    '/api/config',
    {
      schema: {
        summary: "the site's public settings (MeshView's subset; never a secret)",
        response: { 200: ConfigResponseSchema },
      },
    },
    () => body,
  );
  done();
};
