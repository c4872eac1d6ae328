import { useId, useMemo } from 'preact/hooks';
import type { ConfigResponse, PacketsResponse } from '@meshview/api';
import { DataState } from '../components/data-state.js';
import { Link } from '../components/link.js';
import { useApi } from '../lib/api.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { formatTimeUs, hexId } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { NET_DAYS, NET_LIMIT, firstCheckIns, netSinceUs } from './net/net-check-ins.js';
import './net/net.css';

/**
 * `/net`: the weekly net. `[site] weekly_net_message` at the top, then the text messages of the
 * last 6 days that carry `[site] net_tag`, each node's first check-in only, with the number of
 * participants; a note when the site has no tag.
 */
export function NetPage(props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t } = useI18n();
  const id = useId();
  useDocumentTitle(t('net', 'title'));
  const tag = props.config.site.net_tag.trim();
  const message = props.config.site.weekly_net_message.trim();
  return (
    <section class="net-page" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('net', 'title')}</h1>
      {message !== '' && <p class="net-message">{message}</p>}
      {tag === '' ? (
        <p class="net-note" role="note">
          {t('net', 'not_configured')}
        </p>
      ) : (
        <CheckIns tag={tag} />
      )}
    </section>
  );
}

function CheckIns(props: { tag: string }) {
  const { t, lang } = useI18n();
  // The window is measured once, when the page opens.
  const sinceUs = useMemo(() => netSinceUs(Date.now()), []);
  const state = useApi<PacketsResponse>('api/packets', {
    portnum: 1,
    contains: props.tag,
    since: sinceUs,
    limit: NET_LIMIT,
  });
  const rows = useMemo(() => firstCheckIns(state.data?.packets ?? []), [state.data]);
  return (
    <>
      <p class="net-note">{t('net', 'explained', { tag: props.tag, days: NET_DAYS })}</p>
      <DataState
        state={state}
        isEmpty={(d) => d.packets.length === 0}
        empty={t('net', 'no_check_ins', { tag: props.tag })}
      >
        {(data) => (
          <div class="net-check-ins" data-since-us={sinceUs}>
            <p class="net-count" role="status">
              {t('net', rows.length === 1 ? 'participants_one' : 'participants_other', {
                count: rows.length,
              })}
            </p>
            {data.packets.length === NET_LIMIT && (
              <p class="net-note">{t('net', 'limit_reached', { limit: NET_LIMIT })}</p>
            )}
            <div class="net-table-scroll">
              <table class="net-table">
                <caption>{t('net', 'caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('net', 'node')}</th>
                    <th scope="col">{t('net', 'time')}</th>
                    <th scope="col">{t('net', 'channel')}</th>
                    <th scope="col">{t('net', 'message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((p) => (
                    <tr key={p.id} data-packet-id={p.id} data-node-id={p.from_node_id}>
                      <td>
                        <Link href={`/node/${p.from_node_id}`}>
                          {p.long_name?.trim() || hexId(p.from_node_id!)}
                        </Link>
                      </td>
                      <td>
                        <Link href={`/packet/${p.id}`}>{formatTimeUs(p.import_time_us, lang)}</Link>
                      </td>
                      <td>{p.channel ?? '—'}</td>
                      <td class="net-text">
                        {typeof p.decoded === 'string' ? p.decoded : p.payload}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </DataState>
    </>
  );
}
