import { useEffect, useState } from 'preact/hooks';
import { formatNumber } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import type { Graph, GraphLink } from './graph-model.js';
import { nodeLabel, snrText } from './link-list-text.js';
import { snrColor } from './snr-scale.js';

/** Rows a page of the table holds. */
export const LINK_PAGE_SIZE = 50;

/**
 * The links the canvas draws, as text (the canvas has no element per link): the chosen node's,
 * or all of the view, a page at a time. Each row carries `data-from`, `data-to`, `data-kind`
 * (the kinds, space-separated), `data-one-way` and `data-snr` (dB, `''` unknown), taken from
 * the same list the canvas draws from.
 */
export function LinkTable(props: {
  graph: Graph;
  links: readonly GraphLink[];
  caption: string;
  /** Resets the page when the list changes. */
  listKey: string;
}) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [props.listKey]);
  const { graph, links } = props;
  const pages = Math.max(1, Math.ceil(links.length / LINK_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = links.slice(current * LINK_PAGE_SIZE, (current + 1) * LINK_PAGE_SIZE);
  const name = (i: number, num: number) => nodeLabel(graph.nodes[i], num);
  const dB = (n: number) => formatNumber(n, lang, 2);

  return (
    <div class="graph-links" data-link-count={links.length}>
      {/* Focusable, so that a table wider than a phone scrolls from the keyboard too. */}
      <div class="graph-links-scroll" tabIndex={0} role="region" aria-label={props.caption}>
        <table class="graph-link-table">
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('nodegraph', 'from')}</th>
              <th scope="col">{t('nodegraph', 'to')}</th>
              <th scope="col">{t('nodegraph', 'kind')}</th>
              <th scope="col">{t('nodegraph', 'direction')}</th>
              <th scope="col" class="num">
                {t('nodegraph', 'snr')}
              </th>
              <th scope="col" class="num">
                {t('nodegraph', 'reports')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr
                key={`${l.from}>${l.to}`}
                data-from={l.from}
                data-to={l.to}
                data-kind={l.kinds.join(' ')}
                data-one-way={String(l.oneWay)}
                data-snr={l.snr === null ? '' : String(l.snr)}
              >
                <td>{name(l.source, l.from)}</td>
                <td>{name(l.target, l.to)}</td>
                <td>{l.kinds.map((k) => t('nodegraph', `kind_${k}`)).join(', ')}</td>
                <td>{t('nodegraph', l.oneWay ? 'one_way' : 'two_way')}</td>
                <td class="num">
                  <span
                    class="snr-swatch"
                    style={{ background: snrColor(l.snr) }}
                    aria-hidden="true"
                  />
                  {snrText(l.snr, dB)}
                </td>
                <td class="num">{formatNumber(l.reports, lang, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav class="graph-links-pages" aria-label={t('nodegraph', 'pages')}>
          <button
            type="button"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
            data-page="previous"
          >
            {t('nodegraph', 'previous')}
          </button>
          <span aria-live="polite">{t('nodegraph', 'page_of', { page: current + 1, pages })}</span>
          <button
            type="button"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
            data-page="next"
          >
            {t('nodegraph', 'next')}
          </button>
        </nav>
      )}
    </div>
  );
}
