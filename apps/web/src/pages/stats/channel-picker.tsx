import { useId } from 'preact/hooks';
import { useI18n } from '../../lib/i18n.js';
import { ALL_CHANNELS } from './stats-figures.js';

/** A channel dropdown with "all channels" first; `onChange` gets a channel or {@link ALL_CHANNELS}. */
export function ChannelPicker(props: {
  readonly channels: readonly string[];
  readonly channel: string | undefined;
  readonly onChange: (channel: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{t('stats', 'channel')}</label>
      <select
        id={id}
        name="channel"
        value={props.channel ?? ALL_CHANNELS}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value={ALL_CHANNELS}>{t('stats', 'all_channels')}</option>
        {props.channels.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
