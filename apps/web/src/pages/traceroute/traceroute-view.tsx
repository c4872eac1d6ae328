import { useMemo } from 'preact/hooks';
import type { ConfigResponse, TracerouteResponse } from '@meshview/api';
import { Empty } from '../../components/data-state.js';
import { NodeName } from '../../components/node-name.js';
import { Link } from '../../components/link.js';
import { BROADCAST_NUM, formatTimeUs } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { useNodes } from '../packet/use-nodes.js';
import { HopList } from './hop-list.js';
import { ReportList } from './report-list.js';
import { TRACE_COLORS } from './trace-colors.js';
import { TraceGraph } from './trace-graph.js';
import { nodePosition, TraceMap } from './trace-map.js';
import { routeLinks, traceRoute } from './trace-route.js';

/**
 * A traceroute's answer: who asked whom, when and on which channel; the forward and return
 * paths with each link's SNR; a map when every node of them has a position, else a graph; each
 * gateway's report when several heard it.
 */
export function TracerouteView(props: {
  answer: TracerouteResponse;
  site: ConfigResponse['site'];
}) {
  const { t, lang } = useI18n();
  const { answer } = props;
  const route = useMemo(() => traceRoute(answer), [answer]);
  const links = useMemo(() => (route ? routeLinks(route) : []), [route]);
  const ids = [
    ...links.flatMap((l) => [l.from, l.to]),
    ...answer.traceroute_packets.flatMap((r) => [
      ...r.forward_hops,
      ...r.reverse_hops,
      ...(r.gateway_node_id === null ? [] : [r.gateway_node_id]),
    ]),
    ...(route?.requester == null ? [] : [route.requester]),
    ...(route?.destination == null ? [] : [route.destination]),
  ].filter((id) => id !== BROADCAST_NUM);
  const names = useNodes(ids);
  const loaded = ids.every((id) => names.has(id));
  const drawn = [...new Set(links.flatMap((l) => [l.from, l.to]))];
  const mapped = drawn.length > 0 && drawn.every((id) => nodePosition(names.get(id)) !== null);

  const requester = route?.requester ?? null;
  const destination = route?.destination ?? null;
  const person = (id: number | null) => {
    const node = id === null ? undefined : names.get(id);
    return id === null ? (
      '—'
    ) : (
      <NodeName nodeId={id} shortName={node?.short_name} longName={node?.long_name} />
    );
  };
  return (
    <>
      <dl class="trace-facts">
        <div>
          <dt>{t('traceroute', 'from')}</dt>
          <dd data-node-id={requester ?? ''}>{person(requester)}</dd>
        </div>
        <div>
          <dt>{t('traceroute', 'to')}</dt>
          <dd data-node-id={destination ?? ''}>{person(destination)}</dd>
        </div>
        <div>
          <dt>{t('traceroute', 'time')}</dt>
          <dd>{formatTimeUs(answer.packet.import_time_us, lang)}</dd>
        </div>
        <div>
          <dt>{t('traceroute', 'channel')}</dt>
          <dd>{answer.packet.channel ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('traceroute', 'packet')}</dt>
          <dd>
            <Link href={`/packet/${answer.packet.id}`}>{answer.packet.id}</Link>
          </dd>
        </div>
      </dl>
      {!route ? (
        <Empty>{t('traceroute', 'no_reports')}</Empty>
      ) : (
        <>
          {route.pending && (
            <p class="notice trace-pending" role="status">
              {t('traceroute', 'pending')}
            </p>
          )}
          <div class="trace-columns">
            <section aria-labelledby="trace-paths">
              <h2 id="trace-paths">{t('traceroute', 'paths')}</h2>
              {route.forward ? (
                <>
                  <h3 id="trace-forward">{t('traceroute', 'forward')}</h3>
                  <HopList
                    path={route.forward}
                    direction="forward"
                    names={names}
                    label={t('traceroute', 'forward')}
                    pending={route.pending}
                  />
                </>
              ) : (
                <p class="muted">{t('traceroute', 'no_hops_yet')}</p>
              )}
              {route.back ? (
                <>
                  <h3 id="trace-return">{t('traceroute', 'return')}</h3>
                  <HopList
                    path={route.back}
                    direction="return"
                    names={names}
                    label={t('traceroute', 'return')}
                  />
                </>
              ) : (
                !route.pending && <p class="muted">{t('traceroute', 'no_return')}</p>
              )}
            </section>
            {links.length > 0 && (
              <section aria-labelledby="trace-drawing">
                <h2 id="trace-drawing">
                  {mapped ? t('traceroute', 'map') : t('traceroute', 'graph')}
                </h2>
                {!loaded ? null : mapped ? (
                  <TraceMap
                    route={route}
                    links={links}
                    names={names}
                    site={props.site}
                    label={t('traceroute', 'map_label', { id: answer.packet.id })}
                  />
                ) : (
                  <TraceGraph
                    route={route}
                    links={links}
                    names={names}
                    label={t('traceroute', 'graph_label', { id: answer.packet.id })}
                  />
                )}
                <ul class="trace-legend" aria-label={t('traceroute', 'legend')}>
                  <li>
                    <span class="trace-swatch-line" style={{ borderColor: TRACE_COLORS.forward }} />
                    {t('traceroute', 'forward')}
                  </li>
                  <li>
                    <span
                      class="trace-swatch-line trace-swatch-dashed"
                      style={{ borderColor: TRACE_COLORS.return }}
                    />
                    {t('traceroute', 'return')}
                  </li>
                  <li>
                    <span class="trace-swatch" style={{ background: TRACE_COLORS.requester }} />
                    {t('traceroute', 'legend_requester')}
                  </li>
                  <li>
                    <span class="trace-swatch" style={{ background: TRACE_COLORS.destination }} />
                    {t('traceroute', 'legend_destination')}
                  </li>
                  <li>
                    <span class="trace-swatch" style={{ background: TRACE_COLORS.relay }} />
                    {t('traceroute', 'legend_relay')}
                  </li>
                </ul>
              </section>
            )}
          </div>
          {answer.traceroute_packets.length > 1 && (
            <section aria-labelledby="trace-reports">
              <h2 id="trace-reports">
                {t('traceroute', 'reports', { count: answer.traceroute_packets.length })}
              </h2>
              <ReportList reports={answer.traceroute_packets} route={route} names={names} />
            </section>
          )}
        </>
      )}
    </>
  );
}
