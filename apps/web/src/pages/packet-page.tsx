import type { ConfigResponse, PacketsResponse, PacketsSeenResponse } from '@meshview/api';
import { Link } from '../components/link.js';
import { useApi } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';
import { PacketView } from './packet/packet-view.js';

/** A packet id in the path: a decimal number of at most 32 bits, else `null`. */
function packetIdOf(param: string | undefined): number | null {
  if (param === undefined || !/^\d{1,10}$/.test(param)) return null;
  const id = Number(param);
  return id <= 0xffffffff ? id : null;
}

/**
 * `/packet/{id}`: a packet (`/api/packets?packet_id=`) and its receptions
 * (`/api/packets_seen/{id}`); a clear "no such packet" for an id that names nothing.
 */
export function PacketPage(props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t } = useI18n();
  const id = packetIdOf(props.params['id']);
  const packets = useApi<PacketsResponse>(id === null ? null : 'api/packets', { packet_id: id });
  const packet = packets.data?.packets[0];
  // Asked once the packet is known to exist: the route answers 404 otherwise, which the browser
  // reports as a console error.
  const seen = useApi<PacketsSeenResponse>(packet ? `api/packets_seen/${packet.id}` : null);

  if (id === null || (packets.data && !packet)) {
    return (
      <article class="packet-page" aria-labelledby="packet-title">
        <h1 id="packet-title">{t('packet', 'not_found_title')}</h1>
        <p class="notice">{t('packet', 'not_found', { id: props.params['id'] ?? '' })}</p>
        <p>
          <Link href="/nodelist">{t('packet', 'back_to_nodes')}</Link>
        </p>
      </article>
    );
  }
  if (packets.error) {
    return (
      <p role="alert" class="notice">
        {t('base', 'error')}
      </p>
    );
  }
  if (!packet) return <p role="status">{t('base', 'loading')}</p>;
  return <PacketView packet={packet} seen={seen} site={props.config.site} />;
}
