import { formatNumber } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { Clock } from './clock.js';
import { Distance } from './distance.js';
import { hopColor } from './hops.js';
import { NodeRef } from './node-ref.js';
import { plural } from './plural.js';
import type { HopGroup } from './receptions.js';

/**
 * The gateways that heard the packet, one row group per hop count (fewest first): the number on
 * the map, gateway, RSSI, SNR, distance from the source, hops, channel and time (on a phone, the
 * time under the gateway instead, and no hops or channel column: the row groups and the details say
 * them).
 */
export function SeenByTable(props: { groups: readonly HopGroup[]; total: number }) {
  const { t, lang } = useI18n();
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="seen-by-caption">
      <table class="data-table seen-by">
        <caption id="seen-by-caption">{plural(t, 'seen_caption', props.total)}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              #
            </th>
            <th scope="col">{t('packet', 'gateway')}</th>
            <th scope="col" class="num">
              {t('packet', 'rssi_dbm')}
            </th>
            <th scope="col" class="num">
              {t('packet', 'snr_db')}
            </th>
            <th scope="col" class="num">
              {t('packet', 'distance')}
            </th>
            <th scope="col" class="num col-wide">
              {t('packet', 'hops')}
            </th>
            <th scope="col" class="col-wide">
              {t('packet', 'channel')}
            </th>
            <th scope="col" class="col-wide">
              {t('packet', 'time')}
            </th>
          </tr>
        </thead>
        {props.groups.map((group) => (
          <tbody key={group.hops ?? 'unknown'}>
            <tr class="group-row">
              <th scope="rowgroup" colSpan={8}>
                <span class="swatch" style={{ background: hopColor(group.hops) }} />
                {groupTitle(group, t)}
              </th>
            </tr>
            {group.receptions.map((reception) => (
              <tr key={`${reception.number}`}>
                <td class="num">{reception.number}</td>
                <td>
                  <NodeRef num={reception.seen.node_id} name={reception.longName} />
                  <span class="seen-time-inline">
                    <Clock us={reception.seen.import_time_us} />
                  </span>
                </td>
                <td class="num">{formatNumber(reception.seen.rx_rssi, lang)}</td>
                <td class="num">{formatNumber(reception.seen.rx_snr, lang)}</td>
                <td class="num">
                  <Distance km={reception.distanceKm} />
                </td>
                <td class="num col-wide">{reception.hops ?? '?'}</td>
                <td class="col-wide">{reception.seen.channel ?? '—'}</td>
                <td class="col-wide">
                  <Clock us={reception.seen.import_time_us} />
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function groupTitle(group: HopGroup, t: ReturnType<typeof useI18n>['t']): string {
  const count = plural(t, 'gateway_count', group.receptions.length);
  if (group.hops === null) return `${t('packet', 'hops_unknown')} · ${count}`;
  if (group.hops === 0) return `${t('packet', 'direct')} · ${count}`;
  return `${plural(t, 'hop_count', group.hops)} · ${count}`;
}
