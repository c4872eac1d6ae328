import { useId } from 'preact/hooks';
import type { ChannelsResponse, ConfigResponse } from '@meshview/api';
import { ErrorNotice, Loading } from '../components/data-state.js';
import { useApi } from '../lib/api.js';
import { useDocumentTitle } from '../lib/document-title.js';
import { useI18n } from '../lib/i18n.js';
import { setQuery, useLocation } from '../lib/router.js';
import { ChatLog } from './chat/chat-log.js';
import { useChatMessages } from './chat/use-chat-messages.js';
import './chat/chat.css';

/** How far back the channel list looks: the channels of the last week's packets. */
const CHANNEL_DAYS = 7;

/**
 * `/chat`: the text messages sent to everyone, oldest at the top and new ones arriving live at
 * the bottom; older ones load when the visitor scrolls to the top (or presses a button); a
 * channel filter (kept in the query, `?channel=`). Direct messages are left out: their text is
 * hidden.
 */
export function ChatPage(_props: { params: Record<string, string>; config: ConfigResponse }) {
  const { t } = useI18n();
  const id = useId();
  useDocumentTitle(t('chat', 'title'));
  const { query } = useLocation();
  const channel = query.get('channel') || null;
  const channels = useApi<ChannelsResponse>('api/channels', {
    period_type: 'day',
    length: CHANNEL_DAYS,
  });
  const messages = useChatMessages(channel);
  const choices = [...(channels.data?.channels ?? [])];
  if (channel !== null && !choices.includes(channel)) choices.unshift(channel);

  return (
    <section class="chat-page" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('chat', 'title')}</h1>
      <p class="chat-note">{t('chat', 'direct_left_out')}</p>
      <div class="chat-filters">
        <label for={`${id}-channel`}>{t('chat', 'channel')}</label>
        <select
          id={`${id}-channel`}
          value={channel ?? ''}
          onChange={(e) => setQuery({ channel: e.currentTarget.value })}
        >
          <option value="">{t('chat', 'all_channels')}</option>
          {choices.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <LiveNote status={messages.live} />
      </div>
      {messages.error ? (
        <ErrorNotice error={messages.error} retry={messages.reload} />
      ) : !messages.loaded ? (
        <Loading />
      ) : (
        <ChatLog messages={messages} channel={channel} />
      )}
    </section>
  );
}

/** Says that new messages appear by themselves, once they do (by stream, or by polling). */
function LiveNote(props: { status: ReturnType<typeof useChatMessages>['live'] }) {
  const { t } = useI18n();
  if (props.status !== 'stream' && props.status !== 'polling') return null;
  return (
    <p class="chat-live" data-live-status={props.status}>
      {props.status === 'stream' ? t('chat', 'live_stream') : t('chat', 'live_polling')}
    </p>
  );
}
