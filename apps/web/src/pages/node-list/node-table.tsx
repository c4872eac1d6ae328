import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Empty } from '../../components/data-state.js';
import { Link } from '../../components/link.js';
import {
  degrees,
  formatNumber,
  formatTimeUs,
  hasPosition,
  relativeTimeUs,
} from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { PHONE_QUERY, useMediaQuery } from '../../lib/use-media-query.js';
import { useWindowVirtualizer } from '../../lib/use-window-virtualizer.js';
import { SORT_KEYS, type NodeListView, type SortKey } from './node-list-view.js';
import type { NodeRow } from './node-rows.js';

/** Columns whose values are numbers (right-aligned, tabular figures). */
const NUMERIC: ReadonlySet<SortKey> = new Set(['lat', 'lon']);

/** A table row's height (styles.css: `.node-table td` height, borders collapsed). */
const ROW_HEIGHT = 36;

/** The space between two cards on a phone (styles.css: `.node-row` margin-bottom). */
const CARD_GAP = 8;

/** Which way a column sorts first: newest, gateways first; names A to Z. */
const FIRST_DIR: Partial<Record<SortKey, 'desc'>> = { last_seen: 'desc', gateway: 'desc' };

/** One cell's content and, for the CSV-free phone cards, its label. */
function NodeCell(props: { row: NodeRow; column: SortKey; now: number }) {
  const { t, lang } = useI18n();
  const { node } = props.row;
  const located = hasPosition(node.last_lat, node.last_long);
  switch (props.column) {
    case 'short_name':
      return <span class="node-short">{node.short_name ?? '—'}</span>;
    case 'long_name':
      return (
        <Link href={`/node/${props.row.num}`} class="node-name">
          <span class="node-short phone-only">{node.short_name}</span>
          <span>{node.long_name?.trim() || node.id}</span>
        </Link>
      );
    case 'lat':
      return <>{located ? formatNumber(degrees(node.last_lat), lang, 4, true) : '—'}</>;
    case 'lon':
      return <>{located ? formatNumber(degrees(node.last_long), lang, 4, true) : '—'}</>;
    case 'gateway':
      return (
        <>{node.is_mqtt_gateway === null ? '—' : t('base', node.is_mqtt_gateway ? 'yes' : 'no')}</>
      );
    case 'last_seen':
      return node.last_seen_us === null ? (
        <>—</>
      ) : (
        <time
          dateTime={new Date(node.last_seen_us / 1000).toISOString()}
          title={formatTimeUs(node.last_seen_us, lang)}
        >
          {relativeTimeUs(node.last_seen_us, lang, props.now)}
        </time>
      );
    default:
      return <>{node[props.column] ?? '—'}</>;
  }
}

/**
 * The node list's table, windowed over the page's scrolling: only the rows on screen (and a few
 * either side) are in the DOM, between two spacer rows that stand for the rest. Column headers
 * sort (buttons, `aria-sort`); on a phone each row is a card.
 */
export function NodeTable(props: {
  rows: readonly NodeRow[];
  view: NodeListView;
  update: (change: Partial<NodeListView>) => void;
  favourites: ReadonlySet<number>;
  toggleFavourite: (nodeId: number) => void;
  empty: string;
}) {
  const { t } = useI18n();
  const { rows, view, update } = props;
  const phone = useMediaQuery(PHONE_QUERY);
  const body = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const now = Date.now();

  const virtualizer = useWindowVirtualizer<HTMLTableRowElement>({
    count: rows.length,
    estimateSize: () => (phone ? 132 : ROW_HEIGHT),
    getItemKey: (index) => rows[index]?.num ?? index,
    overscan: 10,
    gap: phone ? CARD_GAP : 0,
    scrollMargin,
  });
  // Where the rows start on the page moves with the filters above them (they wrap).
  useLayoutEffect(() => {
    const top = (body.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  });
  // Row heights differ between the table and the cards: measure again.
  useLayoutEffect(() => virtualizer.measure(), [phone]);

  if (rows.length === 0) return <Empty>{props.empty}</Empty>;

  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const before = first ? first.start - scrollMargin : 0;
  const after = last ? virtualizer.getTotalSize() - (last.end - scrollMargin) : 0;
  const columns = SORT_KEYS.length + 1;

  return (
    <table class="node-table" aria-rowcount={rows.length + 1}>
      <caption class="visually-hidden">{t('nodelist', 'title')}</caption>
      <colgroup>
        <col />
        {SORT_KEYS.map((key) => (
          <col key={key} />
        ))}
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
          <th scope="col">
            <span class="visually-hidden">{t('nodelist', 'favourite')}</span>
          </th>
          {SORT_KEYS.map((key) => {
            const active = view.sort === key;
            const next = active ? (view.dir === 'asc' ? 'desc' : 'asc') : (FIRST_DIR[key] ?? 'asc');
            return (
              <th
                key={key}
                scope="col"
                class={NUMERIC.has(key) ? 'num' : undefined}
                aria-sort={active ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                <button type="button" onClick={() => update({ sort: key, dir: next })}>
                  {t('nodelist', key)}
                  <span aria-hidden="true">{active ? (view.dir === 'asc' ? '▲' : '▼') : ''}</span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody ref={body}>
        {before > 0 && (
          <tr class="spacer" aria-hidden="true">
            <td colSpan={columns} style={{ height: `${before}px` }} />
          </tr>
        )}
        {items.map((item) => {
          const row = rows[item.index]!;
          const name = row.node.long_name?.trim() || row.node.short_name || row.node.id;
          const favourite = props.favourites.has(row.num);
          return (
            <tr
              key={item.key}
              class="node-row"
              data-index={item.index}
              aria-rowindex={item.index + 2}
              // Table rows are all one height; cards vary with what they show.
              ref={phone ? virtualizer.measureElement : undefined}
            >
              <td class="cell-fav">
                <button
                  type="button"
                  class="star"
                  aria-pressed={favourite}
                  aria-label={t('nodelist', 'favourite_of', { name })}
                  title={t('nodelist', favourite ? 'favourite_remove' : 'favourite_add', { name })}
                  onClick={() => props.toggleFavourite(row.num)}
                >
                  {favourite ? '★' : '☆'}
                </button>
              </td>
              {SORT_KEYS.map((key) => (
                <td
                  key={key}
                  class={`cell-${key === 'long_name' ? 'name' : key === 'short_name' ? 'short' : key}${NUMERIC.has(key) ? ' num' : ''}`}
                >
                  {key !== 'long_name' && key !== 'short_name' && (
                    <span class="cell-label">{t('nodelist', key)}</span>
                  )}
                  <NodeCell row={row} column={key} now={now} />
                </td>
              ))}
            </tr>
          );
        })}
        {after > 0 && (
          <tr class="spacer" aria-hidden="true">
            <td colSpan={columns} style={{ height: `${after}px` }} />
          </tr>
        )}
      </tbody>
    </table>
  );
}
