import { useMemo } from 'preact/hooks';
import type { NodesResponse, Packet, PacketsSeenResponse } from '@meshview/api';
import { portName } from '@meshview/mesh/facts';
import { useApi, type ApiState } from '../../lib/api.js';
import { hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { DecodedContent } from './decoded/decoded-content.js';
import { asObject, numberField } from './json-fields.js';
import { PacketCard } from './packet-card.js';
import { PacketMap, type PacketSource } from './packet-map.js';
import { groupReceptions, latLonOf } from './receptions.js';
import { SeenByTable } from './seen-by-table.js';
import { useNodes } from './use-nodes.js';
import './packet.css';
import type { BaseMapSite } from '../../components/base-map/base-map-sources.js';

/**
 * A stored packet: its facts, decoded content and raw payload; where it was heard, on a map and
 * in a table grouped by hops.
 */
export function PacketView(props: {
  packet: Packet;
  seen: ApiState<PacketsSeenResponse>;
  site: BaseMapSite;
}) {
  const { t } = useI18n();
  const { packet } = props;
  const from = packet.from_node_id;
  const sender = useApi<NodesResponse>(from === null ? null : 'api/nodes', { node_id: from });
  const seen = props.seen.data?.seen;
  // The API adds each gateway's names and position; ask for the gateways it did not.
  const gateways = useNodes(
    (seen ?? []).filter((s) => s.last_lat === undefined).map((s) => s.node_id),
  );

  const source = useMemo((): PacketSource | null => {
    if (from === null) return null;
    const own = asObject(packet.decoded);
    const senderNode = sender.data?.nodes[0];
    const position =
      latLonOf(numberField(own, 'latitudeI'), numberField(own, 'longitudeI')) ??
      latLonOf(senderNode?.last_lat, senderNode?.last_long);
    const name = packet.long_name ?? senderNode?.long_name ?? hexId(from);
    return position ? { num: from, name, position } : null;
  }, [packet, sender.data, from]);

  const groups = useMemo(
    () => groupReceptions(seen ?? [], { source: source?.position ?? null, nodes: gateways }),
    [seen, source, gateways],
  );

  return (
    <article class="packet-page" aria-labelledby="packet-title">
      <h1 id="packet-title">
        {t('packet', 'title', { id: packet.id })}
        <span class="port-badge">
          {!packet.portnum && packet.decoded === null
            ? t('packet', 'encrypted')
            : portName(packet.portnum ?? 0)}
        </span>
      </h1>
      <div class="packet-columns">
        <div class="packet-main">
          <section aria-labelledby="packet-details">
            <h2 id="packet-details">{t('packet', 'details')}</h2>
            <PacketCard packet={packet} />
          </section>
          <section aria-labelledby="packet-content">
            <h2 id="packet-content">{t('packet', 'content')}</h2>
            <DecodedContent packet={packet} />
            {packet.decoded !== null && typeof packet.decoded === 'object' && (
              <details class="raw">
                <summary>{t('packet', 'decoded_json')}</summary>
                <pre>{JSON.stringify(packet.decoded, null, 2)}</pre>
              </details>
            )}
            <details class="raw">
              <summary>{t('packet', 'raw_payload')}</summary>
              <pre>{packet.payload}</pre>
            </details>
          </section>
        </div>
        <section class="packet-side" aria-labelledby="packet-map-title">
          <h2 id="packet-map-title">{t('packet', 'map')}</h2>
          {seen && (
            <PacketMap packetId={packet.id} site={props.site} source={source} groups={groups} />
          )}
        </section>
      </div>
      <section aria-labelledby="packet-seen">
        <h2 id="packet-seen">{t('packet', 'seen_by')}</h2>
        {props.seen.error ? (
          <p role="alert" class="notice">
            {t('packet', 'seen_error')}
          </p>
        ) : !seen ? (
          <p role="status">{t('base', 'loading')}</p>
        ) : seen.length === 0 ? (
          <p>{t('packet', 'seen_none')}</p>
        ) : (
          <SeenByTable groups={groups} total={seen.length} />
        )}
      </section>
    </article>
  );
}
