import { formatNumber } from '../../../lib/format.js';
import { useI18n } from '../../../lib/i18n.js';
import { plural } from '../plural.js';
import { FieldList } from '../field-list.js';
import { asObject, numberField, objectList } from '../json-fields.js';
import { NodeRef } from '../node-ref.js';
import { useNodes } from '../use-nodes.js';
import { formatUnixSeconds } from './unix-time.js';
import type { DecodedViewProps } from './view-props.js';

/** A node's list of the neighbours it hears directly, with the SNR of each. */
export function NeighborInfoView(props: DecodedViewProps) {
  const { t, lang } = useI18n();
  const info = asObject(props.decoded);
  const reporter = numberField(info, 'nodeId');
  const neighbors = objectList(info, 'neighbors').flatMap((neighbor) => {
    const nodeId = numberField(neighbor, 'nodeId');
    return nodeId === undefined
      ? []
      : [
          {
            nodeId,
            snr: numberField(neighbor, 'snr'),
            lastRx: formatUnixSeconds(numberField(neighbor, 'lastRxTime'), lang),
          },
        ];
  });
  const names = useNodes([
    ...(reporter === undefined ? [] : [reporter]),
    ...neighbors.map((n) => n.nodeId),
  ]);
  const interval = numberField(info, 'nodeBroadcastIntervalSecs');
  const withLastRx = neighbors.some((n) => n.lastRx !== undefined);
  return (
    <div class="neighbor-info-view">
      <FieldList
        fields={[
          {
            label: t('packet', 'reporting_node'),
            value:
              reporter === undefined ? undefined : (
                <NodeRef num={reporter} name={names.get(reporter)?.long_name} />
              ),
          },
          {
            label: t('packet', 'broadcast_interval'),
            value: interval === undefined ? undefined : plural(t, 'seconds', interval),
          },
        ]}
      />
      {neighbors.length === 0 ? (
        <p>{t('packet', 'no_neighbors')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <caption>{plural(t, 'neighbors_caption', neighbors.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('packet', 'neighbor')}</th>
                <th scope="col" class="num">
                  {t('packet', 'snr_db')}
                </th>
                {withLastRx && <th scope="col">{t('packet', 'last_heard')}</th>}
              </tr>
            </thead>
            <tbody>
              {neighbors.map((neighbor, i) => (
                <tr key={`${i}-${neighbor.nodeId}`}>
                  <td>
                    <NodeRef num={neighbor.nodeId} name={names.get(neighbor.nodeId)?.long_name} />
                  </td>
                  <td class="num">{formatNumber(neighbor.snr, lang, 2)}</td>
                  {withLastRx && <td>{neighbor.lastRx ?? '—'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
