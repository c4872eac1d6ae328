import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { Empty } from '../../components/data-state.js';
import { useI18n } from '../../lib/i18n.js';
import { ChatMessage, senderName } from './chat-message.js';
import { messageKey } from './chat-rows.js';
import type { ChatMessages } from './use-chat-messages.js';
import { useReplyOriginals } from './use-reply-originals.js';

/** How close to the bottom (px) counts as "at the bottom", where new messages keep the view. */
const STICK_PX = 48;

/**
 * The messages, oldest at the top, in a box of its own that opens scrolled to the newest. New
 * messages keep the box at the bottom when it was there; older ones load when the top comes
 * into view (or on the button) and go above without moving what the visitor reads.
 */
export function ChatLog(props: { messages: ChatMessages; channel: string | null }) {
  const { t } = useI18n();
  const { messages } = props;
  const { rows } = messages;
  const originals = useReplyOriginals(rows);
  const box = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seen = useRef<{ first: string | undefined; last: string | undefined; height: number }>({
    first: undefined,
    last: undefined,
    height: 0,
  });
  const byId = new Map(rows.map((p) => [p.id, p]));
  const latest = useRef(messages);
  latest.current = messages;

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const first = rows[0] && messageKey(rows[0]);
    const last = rows.at(-1) && messageKey(rows.at(-1)!);
    const before = seen.current;
    if (before.first === undefined) {
      element.scrollTop = element.scrollHeight;
    } else if (first !== before.first && rows.some((p) => messageKey(p) === before.first)) {
      // Older messages went above: move down by their height, so the view stays put.
      element.scrollTop += element.scrollHeight - before.height;
    } else if (last !== before.last && atBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
    seen.current = { first, last, height: element.scrollHeight };
  }, [rows]);

  // The top of the box in view loads the page before (after the box opened at the bottom).
  useEffect(() => {
    const element = box.current;
    const marker = top.current;
    if (!element || !marker || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const now = latest.current;
        if (entries.some((e) => e.isIntersecting) && now.more && !now.loadingOlder) now.loadOlder();
      },
      { root: element, rootMargin: '120px 0px 0px 0px' },
    );
    observer.observe(marker);
    return () => observer.disconnect();
  }, [messages.more, messages.loadingOlder]);

  const newest = rows.at(-1);
  const announce =
    newest && messages.arrivedLive.has(messageKey(newest))
      ? t('chat', 'new_message', { name: senderName(newest) })
      : '';

  return (
    <>
      <div
        class="chat-log"
        ref={box}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
        }}
      >
        <div class="chat-older" ref={top}>
          <OlderControl messages={messages} />
        </div>
        {rows.length === 0 ? (
          <Empty>
            {props.channel === null
              ? t('chat', 'no_messages')
              : t('chat', 'no_messages_channel', { channel: props.channel })}
          </Empty>
        ) : (
          <ol class="chat-list" aria-label={t('chat', 'list_label', { count: rows.length })}>
            {rows.map((p) => (
              <ChatMessage
                key={messageKey(p)}
                packet={p}
                original={
                  p.reply_id === undefined
                    ? undefined
                    : (byId.get(p.reply_id) ?? originals.get(p.reply_id))
                }
                fresh={messages.arrivedLive.has(messageKey(p))}
              />
            ))}
          </ol>
        )}
      </div>
      <p class="visually-hidden" role="status">
        {announce}
      </p>
    </>
  );
}

/**
 * The top of the log: "load older" (the same button, busy, while a page loads, so that keyboard
 * focus stays on it), the error of the last try, or "nothing older".
 */
function OlderControl(props: { messages: ChatMessages }) {
  const { t } = useI18n();
  const { messages } = props;
  if (messages.olderError) {
    return (
      <p class="chat-older-note" role="alert">
        {t('chat', 'older_error', { reason: messages.olderError.message })}{' '}
        <button type="button" onClick={messages.loadOlder}>
          {t('base', 'retry')}
        </button>
      </p>
    );
  }
  if (!messages.more && !messages.loadingOlder) {
    return messages.rows.length === 0 ? null : (
      <p class="chat-older-note">{t('chat', 'no_older')}</p>
    );
  }
  return (
    <button
      type="button"
      class="chat-older-button"
      aria-busy={messages.loadingOlder}
      onClick={() => {
        if (!messages.loadingOlder) messages.loadOlder();
      }}
    >
      {messages.loadingOlder ? t('base', 'loading') : t('chat', 'load_older')}
    </button>
  );
}
