import { useId, useMemo, useState } from 'preact/hooks';
import { PortNum, portName } from '@meshview/mesh/facts';
import { Link } from '../../components/link.js';
import { downloadCsv, toCsv } from '../../lib/csv.js';
import { BROADCAST_NUM, formatTimeUs, hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import type { LiveStatus } from '../../lib/live-packets.js';
import { setQuery, useLocation } from '../../lib/router.js';
import { nodeLabel } from './node-label.js';
import type { NodeLive } from './node-live.js';
import { packetSummary } from './packet-summary.js';
import { SINCE_CHOICES, packetFilters, sinceUs } from './packet-filters.js';
import { useNodePackets } from './use-node-packets.js';

/**
 * The node's packets, sent or received, newest first: time, id, from, to, port and a short
 * summary of the content; filtered by age and port (kept in the page's query), downloadable as
 * CSV, and extended page by page with older ones; while the page is live, new packets appear at
 * the top.
 */
export function NodePackets(props: { nodeId: number; live: NodeLive }) {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const id = useId();
  // Kept here and mirrored into the query, so a reload or a shared link keeps them.
  const [filters, setFilters] = useState(() => packetFilters(query));
  const choose = (change: Partial<typeof filters>) => {
    const next = { ...filters, ...change };
    setFilters(next);
    setQuery({
      since: next.since === 'all' ? null : next.since,
      port: next.port === null ? null : String(next.port),
    });
  };
  // The window is measured when a filter changes, not on every render.
  const since = useMemo(() => sinceUs(filters.since, Date.now()), [filters.since]);
  const packets = useNodePackets(props.nodeId, { sinceUs: since, port: filters.port }, props.live);
  const rows = useMemo(
    () => packets.rows.map((packet) => ({ packet, summary: packetSummary(packet, t, lang) })),
    [packets.rows, t, lang],
  );

  const party = (num: number | null, name: string | null) => {
    if (num === null) return t('node', 'unknown');
    if (num === BROADCAST_NUM) return t('node', 'broadcast');
    return nodeLabel(num, { long_name: name });
  };
  const download = () => {
    const header = [
      'time',
      'id',
      'from_id',
      'from',
      'to_id',
      'to',
      'portnum',
      'port',
      'channel',
      'content',
    ];
    const body = rows.map(({ packet: p, summary }) => [
      p.import_time_us === null ? null : new Date(p.import_time_us / 1000).toISOString(),
      p.id,
      p.from_node_id === null ? null : hexId(p.from_node_id),
      party(p.from_node_id, p.long_name),
      p.to_node_id === null ? null : hexId(p.to_node_id),
      party(p.to_node_id, p.to_long_name),
      p.portnum,
      p.portnum === null ? null : portName(p.portnum),
      p.channel,
      summary,
    ]);
    downloadCsv(`packets-${hexId(props.nodeId).slice(1)}.csv`, toCsv(header, body));
  };

  return (
    <section class="node-section" aria-labelledby="node-packets-title">
      <h2 id="node-packets-title">{t('node', 'packets')}</h2>
      <LiveNote status={packets.live} seconds={props.live.fallbackPollSeconds} />
      <div class="node-filters">
        <div class="node-filter">
          <label for={`${id}-since`}>{t('node', 'since')}</label>
          <select
            id={`${id}-since`}
            value={filters.since}
            onChange={(e) =>
              choose({
                since: packetFilters(new URLSearchParams({ since: e.currentTarget.value })).since,
              })
            }
          >
            {SINCE_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {t('node', `since_${choice.value}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="node-filter">
          <label for={`${id}-port`}>{t('node', 'port')}</label>
          <select
            id={`${id}-port`}
            value={filters.port === null ? '' : String(filters.port)}
            onChange={(e) =>
              choose({
                port: packetFilters(new URLSearchParams({ port: e.currentTarget.value })).port,
              })
            }
          >
            <option value="">{t('node', 'all_ports')}</option>
            {Object.values(PortNum).map((portnum) => (
              <option key={portnum} value={String(portnum)}>
                {portName(portnum)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={download} disabled={rows.length === 0}>
          {t('node', 'download_csv')}
        </button>
      </div>
      <div class="table-scroll">
        <table class="node-table node-packets" data-table="packets" aria-busy={packets.loading}>
          <caption>{t('node', 'packets_caption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('node', 'time')}</th>
              <th scope="col">{t('node', 'packet_id')}</th>
              <th scope="col">{t('node', 'from')}</th>
              <th scope="col">{t('node', 'to')}</th>
              <th scope="col">{t('node', 'port')}</th>
              <th scope="col">{t('node', 'content')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ packet: p, summary }) => (
              <tr key={`${p.id}:${p.import_time_us}`} data-packet-id={p.id}>
                <td class="nowrap">{formatTimeUs(p.import_time_us, lang)}</td>
                <td>
                  <Link href={`/packet/${p.id}`}>{p.id}</Link>
                </td>
                <td>
                  <NodeLink num={p.from_node_id} label={party(p.from_node_id, p.long_name)} />
                </td>
                <td>
                  <NodeLink num={p.to_node_id} label={party(p.to_node_id, p.to_long_name)} />
                </td>
                <td class="nowrap">{p.portnum === null ? '—' : portName(p.portnum)}</td>
                <td class="node-content">{summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PacketsFooter packets={packets} empty={rows.length === 0} />
    </section>
  );
}

function NodeLink(props: { num: number | null; label: string }) {
  if (props.num === null || props.num === BROADCAST_NUM) return <>{props.label}</>;
  return <Link href={`/node/${props.num}`}>{props.label}</Link>;
}

/** Says that new packets appear by themselves, once they do (by stream, or by polling). */
function LiveNote(props: { status: LiveStatus; seconds: number }) {
  const { t } = useI18n();
  if (props.status !== 'stream' && props.status !== 'polling') return null;
  return (
    <p class="section-note node-live" data-live-status={props.status}>
      {props.status === 'stream'
        ? t('node', 'live_stream')
        : t('node', 'live_polling', { seconds: props.seconds })}
    </p>
  );
}

function PacketsFooter(props: { packets: ReturnType<typeof useNodePackets>; empty: boolean }) {
  const { t } = useI18n();
  const { packets } = props;
  if (packets.error) {
    return (
      <p class="section-note section-error" role="alert">
        {t('node', 'section_error', { reason: packets.error.message })}
      </p>
    );
  }
  if (packets.loading) {
    return (
      <p class="section-note" role="status">
        {t('base', 'loading')}
      </p>
    );
  }
  if (props.empty) return <p class="section-note">{t('node', 'no_packets')}</p>;
  if (!packets.more) return <p class="section-note">{t('node', 'no_older')}</p>;
  return (
    <button type="button" class="node-more" onClick={packets.loadOlder}>
      {t('node', 'load_older')}
    </button>
  );
}
