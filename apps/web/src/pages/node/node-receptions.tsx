import { useMemo } from 'preact/hooks';
import type { NodeReceptionsResponse } from '@meshview/api';
import { Chart } from '../../components/chart.js';
import { Link } from '../../components/link.js';
import { useApi } from '../../lib/api.js';
import { formatNumber, formatTimeUs, hexId, relativeTimeUs } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { directSeries } from './direct-series.js';
import { nodeLabel } from './node-label.js';
import { nodeRequests } from './node-requests.js';
import { SectionNote } from './section-note.js';

/**
 * How the gateways hear the node (`/api/node/{id}/receptions`): the SNR and RSSI of its direct
 * (0-hop) packets at each gateway over time, and a table of the gateways with their receptions,
 * direct ones, fewest hops, average signal and last reception.
 */
export function NodeReceptions(props: { nodeId: number }) {
  const { t, lang } = useI18n();
  const state = useApi<NodeReceptionsResponse>(...nodeRequests.receptions(props.nodeId));
  const data = state.data;
  const names = useMemo(
    () =>
      new Map(
        (data?.gateways ?? []).map((g) => [g.gateway_node_id, nodeLabel(g.gateway_node_id, g)]),
      ),
    [data],
  );
  const series = useMemo(
    () => directSeries(data?.direct ?? [], (gateway) => names.get(gateway) ?? hexId(gateway)),
    [data, names],
  );
  const file = (name: string) => `${name}-${hexId(props.nodeId).slice(1)}`;
  const time = { type: 'time', name: t('node', 'time') } as const;

  return (
    <section class="node-section" aria-labelledby="node-receptions-title">
      <h2 id="node-receptions-title">{t('node', 'receptions')}</h2>
      {data === undefined ? (
        <SectionNote state={state} />
      ) : (
        <>
          <p class="section-note">
            {t('node', 'receptions_window', {
              packets: formatNumber(data.packets, lang, 0),
              since: formatTimeUs(data.since_us, lang),
            })}
          </p>
          <div class="node-charts">
            <Chart
              name="direct-snr"
              title={t('node', 'chart_direct_snr')}
              csvName={file('direct-snr')}
              x={time}
              yAxes={[{ name: t('node', 'snr'), unit: 'dB' }]}
              series={series.snr}
              emptyText={t('node', 'no_direct')}
            />
            <Chart
              name="direct-rssi"
              title={t('node', 'chart_direct_rssi')}
              csvName={file('direct-rssi')}
              x={time}
              yAxes={[{ name: t('node', 'rssi'), unit: 'dBm' }]}
              series={series.rssi}
              emptyText={t('node', 'no_direct')}
            />
          </div>
          <div class="table-scroll">
            <table class="node-table" data-table="gateways">
              <caption>{t('node', 'gateways_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('node', 'gateway')}</th>
                  <th scope="col" class="num">
                    {t('node', 'receptions_count')}
                  </th>
                  <th scope="col" class="num">
                    {t('node', 'direct')}
                  </th>
                  <th scope="col" class="num">
                    {t('node', 'min_hops')}
                  </th>
                  <th scope="col" class="num">
                    {t('node', 'avg_snr')}
                  </th>
                  <th scope="col" class="num">
                    {t('node', 'avg_rssi')}
                  </th>
                  <th scope="col">{t('node', 'last_seen')}</th>
                </tr>
              </thead>
              <tbody>
                {data.gateways.length === 0 && (
                  <tr>
                    <td colSpan={7}>{t('node', 'no_gateways')}</td>
                  </tr>
                )}
                {data.gateways.map((gateway) => (
                  <tr key={gateway.gateway_node_id} data-node-id={gateway.gateway_node_id}>
                    <th scope="row">
                      <Link href={`/node/${gateway.gateway_node_id}`}>
                        {names.get(gateway.gateway_node_id)}
                      </Link>
                    </th>
                    <td class="num">{formatNumber(gateway.receptions, lang, 0)}</td>
                    <td class="num">{formatNumber(gateway.direct, lang, 0)}</td>
                    <td class="num">{formatNumber(gateway.min_hops, lang, 0)}</td>
                    <td class="num">{formatNumber(gateway.avg_snr, lang, 1)}</td>
                    <td class="num">{formatNumber(gateway.avg_rssi, lang, 0)}</td>
                    <td title={formatTimeUs(gateway.last_seen_us, lang)}>
                      {relativeTimeUs(gateway.last_seen_us, lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
