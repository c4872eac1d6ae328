import type { Packet } from '@meshview/api';
import { Link } from '../../components/link.js';
import { formatTimeUs, hexId } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import type { Original } from './use-reply-originals.js';

/** A message's text (a text message's `decoded` is its text; the payload otherwise). */
export function messageText(packet: Packet): string {
  return typeof packet.decoded === 'string' ? packet.decoded : packet.payload;
}

/** A sender's name: its long name, else its `!hex` id. */
export function senderName(packet: Packet): string {
  if (packet.from_node_id === null) return '—';
  return packet.long_name?.trim() || hexId(packet.from_node_id);
}

/**
 * One message of the chat: its sender (a link to the node), channel and time (a link to the
 * packet), the message it replies to when it is one, and its text. `fresh`: it came live (it
 * flashes once, unless the visitor asks for less motion).
 */
export function ChatMessage(props: {
  packet: Packet;
  /** The message it replies to: a packet, `null` when none is stored, `undefined` while asked. */
  original: Original | undefined;
  fresh: boolean;
}) {
  const { t, lang } = useI18n();
  const { packet: p, original } = props;
  const iso =
    p.import_time_us === null ? undefined : new Date(p.import_time_us / 1000).toISOString();
  return (
    <li
      class={props.fresh ? 'chat-message chat-fresh' : 'chat-message'}
      data-packet-id={p.id}
      data-channel={p.channel ?? ''}
    >
      <div class="chat-meta">
        {p.from_node_id === null ? (
          <span class="chat-sender">{senderName(p)}</span>
        ) : (
          <Link href={`/node/${p.from_node_id}`} class="chat-sender">
            {senderName(p)}
          </Link>
        )}
        {p.channel && <span class="chat-channel">{p.channel}</span>}
        <Link
          href={`/packet/${p.id}`}
          class="chat-time"
          aria-label={t('chat', 'packet_link', {
            id: p.id,
            time: formatTimeUs(p.import_time_us, lang),
          })}
        >
          <time dateTime={iso}>{formatTimeUs(p.import_time_us, lang)}</time>
        </Link>
      </div>
      {p.reply_id !== undefined && <ReplyQuote replyId={p.reply_id} original={original} />}
      <p class="chat-text">{messageText(p)}</p>
    </li>
  );
}

/** The message a reply answers, quoted with its sender, linked to its packet. */
function ReplyQuote(props: { replyId: number; original: Original | undefined }) {
  const { t } = useI18n();
  const { replyId, original } = props;
  return (
    <div class="chat-quote" data-reply-id={replyId}>
      <Link href={`/packet/${replyId}`} class="chat-quote-link">
        {t('chat', 'reply_to')}
      </Link>{' '}
      {original === undefined ? (
        <span class="chat-quote-pending">{t('base', 'loading')}</span>
      ) : original === null ? (
        <span class="chat-quote-missing">{t('chat', 'original_missing')}</span>
      ) : (
        <blockquote>
          <cite>{senderName(original)}</cite>:{' '}
          <span class="chat-quote-text">{messageText(original)}</span>
        </blockquote>
      )}
    </div>
  );
}
