import type { PacketsResponse } from '@meshview/api';
import { Link } from '../../../components/link.js';
import { useApi } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import type { DecodedViewProps } from './view-props.js';

/** A text message, and the message it replies to (`reply_id`) with a link to it. */
export function TextView(props: DecodedViewProps) {
  const { t } = useI18n();
  const replyId = props.packet.reply_id;
  const replied = useApi<PacketsResponse>(replyId === undefined ? null : 'api/packets', {
    packet_id: replyId,
  });
  const original = replied.data?.packets[0];
  return (
    <div class="text-view">
      {replyId !== undefined && (
        <div class="reply-to">
          <span>{t('packet', 'in_reply_to')} </span>
          <Link href={`/packet/${replyId}`}>{t('packet', 'packet_number', { id: replyId })}</Link>
          {original && typeof original.decoded === 'string' && (
            <blockquote class="reply-quote">
              {original.long_name && <cite>{original.long_name}: </cite>}
              {original.decoded}
            </blockquote>
          )}
        </div>
      )}
      <p class="message-text">{typeof props.decoded === 'string' ? props.decoded : ''}</p>
    </div>
  );
}
