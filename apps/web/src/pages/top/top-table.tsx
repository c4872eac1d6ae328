import type { TopNode } from '@meshview/api';
import { NodeName } from '../../components/node-name.js';
import { formatNumber } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { gradeOf, TOP_SORTS, type TopSort, type TopView } from './top-view.js';

/** Numbers are sorted most first at the first click, names from A. */
const FIRST_ORDER: Record<TopSort, 'asc' | 'desc'> = {
  name: 'asc',
  sent: 'desc',
  seen: 'desc',
  avg: 'desc',
};

/**
 * One page of the ranking: rank, node, channel, sent, seen and average gateways (graded); the
 * column headers are buttons that sort on the server (`aria-sort` on the sorted one).
 */
export function TopTable(props: {
  readonly nodes: readonly TopNode[];
  readonly offset: number;
  readonly view: TopView;
  readonly onSort: (sort: TopSort, order: 'asc' | 'desc') => void;
}) {
  const { t, lang } = useI18n();
  const { view } = props;
  const header = (key: TopSort) => {
    const active = view.sort === key;
    const next = active ? (view.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[key];
    return (
      <th
        key={key}
        scope="col"
        class={key === 'name' ? 'col-name' : 'num'}
        aria-sort={active ? (view.order === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <button type="button" data-sort={key} onClick={() => props.onSort(key, next)}>
          {t('top', `column_${key}`)}
          <span aria-hidden="true">{active ? (view.order === 'asc' ? '▲' : '▼') : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <div class="top-table-wrap">
      <table class="top-table">
        <caption class="visually-hidden">{t('top', 'caption')}</caption>
        <thead>
          <tr>
            <th scope="col" class="num col-rank">
              {t('top', 'rank')}
            </th>
            {header(TOP_SORTS[0])}
            <th scope="col" class="col-channel">
              {t('top', 'channel')}
            </th>
            {TOP_SORTS.slice(1).map(header)}
          </tr>
        </thead>
        <tbody>
          {props.nodes.map((node, i) => {
            const grade = gradeOf(node.avg);
            return (
              <tr key={node.node_id ?? `row-${i}`} class="top-row" data-node={node.node_id ?? ''}>
                <td class="num col-rank">{formatNumber(props.offset + i + 1, lang, 0)}</td>
                <td class="col-name">
                  {node.node_id === null ? (
                    (node.long_name ?? '—')
                  ) : (
                    <NodeName
                      nodeId={node.node_id}
                      shortName={node.short_name}
                      longName={node.long_name}
                    />
                  )}
                </td>
                <td class="col-channel">{node.channel ?? '—'}</td>
                <td class="num" data-col="sent">
                  {formatNumber(node.sent, lang, 0)}
                </td>
                <td class="num" data-col="seen">
                  {formatNumber(node.seen, lang, 0)}
                </td>
                <td class="num" data-col="avg" data-value={node.avg}>
                  <span class={`grade grade-${grade}`}>
                    {formatNumber(node.avg, lang, 2)}
                    <span class="grade-word"> {t('top', `grade_${grade}`)}</span>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
