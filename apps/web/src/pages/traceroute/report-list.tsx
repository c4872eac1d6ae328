import type { Node, TracerouteResponse } from '@meshview/api';
import { NodeName } from '../../components/node-name.js';
import { useI18n } from '../../lib/i18n.js';
import { HopList } from './hop-list.js';
import { reportPaths, type TraceRoute } from './trace-route.js';

/**
 * Every gateway's report, in the order they arrived: the gateway and the paths as it heard them
 * (a gateway that heard the packet on its way may know fewer hops). Each item carries
 * `data-gateway`.
 */
export function ReportList(props: {
  reports: TracerouteResponse['traceroute_packets'];
  route: TraceRoute;
  names: ReadonlyMap<number, Node | null>;
}) {
  const { t } = useI18n();
  return (
    <ol class="trace-reports">
      {props.reports.map((report) => {
        const paths = reportPaths(report, props.route);
        const gateway = report.gateway_node_id;
        const known = gateway === null ? undefined : props.names.get(gateway);
        const name = known?.long_name?.trim() || String(gateway ?? '?');
        return (
          <li key={report.index} data-gateway={gateway ?? ''}>
            <h3>
              {gateway === null ? (
                t('traceroute', 'gateway_unknown')
              ) : (
                <NodeName
                  nodeId={gateway}
                  shortName={known?.short_name}
                  longName={known?.long_name}
                />
              )}
            </h3>
            <div class="trace-report-path">
              <span class="trace-report-kind" aria-hidden="true">
                {t('traceroute', 'forward')}
              </span>
              <HopList
                path={paths.forward}
                direction="forward"
                names={props.names}
                label={t('traceroute', 'report_forward', { name })}
                pending={!report.done}
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
