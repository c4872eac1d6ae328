import type { Node, TracerouteResponse } from '@meshview/api';
import { NodeName } from '../../components/node-name.js';
import { useI18n } from '../../lib/i18n.js';
import { HopList } from './hop-list.js';
import { reportGroups, type TraceRoute } from './trace-route.js';

/**
 * Every gateway's report, grouped by what it heard: each item is one set of paths (a gateway
 * that heard the packet on its way may know fewer hops) with every gateway that heard exactly
 * that, in the order the first of them arrived. Each item carries `data-gateways` (their ids,
 * space-separated), so eight gateways that heard the same reply make one item, not eight.
 */
export function ReportList(props: {
  reports: TracerouteResponse['traceroute_packets'];
  route: TraceRoute;
  names: ReadonlyMap<number, Node | null>;
}) {
  const { t } = useI18n();
  const known = (gateway: number) => props.names.get(gateway);
  /** The gateway's name as text (for labels), or a link to its page with its short name. */
  const plainName = (gateway: number | null): string =>
    gateway === null
      ? t('traceroute', 'gateway_unknown')
      : known(gateway)?.long_name?.trim() || String(gateway);
  const gatewayName = (gateway: number | null) =>
    gateway === null ? (
      t('traceroute', 'gateway_unknown')
    ) : (
      <NodeName
        nodeId={gateway}
        shortName={known(gateway)?.short_name}
        longName={known(gateway)?.long_name}
      />
    );
  return (
    <ol class="trace-reports">
      {reportGroups(props.reports, props.route).map((group) => {
        const { gateways, paths, done } = group;
        const name =
          gateways.length === 1
            ? plainName(gateways[0]!)
            : t('traceroute', 'report_group', { count: gateways.length });
        return (
          <li key={group.key} data-gateways={gateways.map((g) => g ?? '').join(' ')}>
            {gateways.length === 1 ? (
              <h3>{gatewayName(gateways[0]!)}</h3>
            ) : (
              <>
                <h3>{name}</h3>
                <ul class="trace-report-gateways">
                  {gateways.map((gateway, i) => (
                    <li key={i}>{gatewayName(gateway)}</li>
                  ))}
                </ul>
              </>
            )}
            <div class="trace-report-path">
              <span class="trace-report-kind" aria-hidden="true">
                {t('traceroute', 'forward')}
              </span>
              <HopList
                path={paths.forward}
                direction="forward"
                names={props.names}
                label={t('traceroute', 'report_forward', { name })}
                pending={!done}
                compact
              />
            </div>
            {paths.back && (
              <div class="trace-report-path">
                <span class="trace-report-kind" aria-hidden="true">
                  {t('traceroute', 'return')}
                </span>
                <HopList
                  path={paths.back}
                  direction="return"
                  names={props.names}
                  label={t('traceroute', 'report_return', { name })}
                  compact
                />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
