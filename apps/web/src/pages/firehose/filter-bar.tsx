import { useId } from 'preact/hooks';
import { PortNum, portName } from '@meshview/mesh/facts';
import { useI18n } from '../../lib/i18n.js';
import { setQuery } from '../../lib/router.js';
import type { FirehoseView } from './firehose-view.js';

/** The channel and port lists; a choice goes into the page's query (`?channel=&port=`). */
export function FilterBar(props: {
  view: FirehoseView;
  channels: readonly string[];
  ports: readonly number[];
}) {
  const { t } = useI18n();
  const id = useId();
  const { view } = props;
  return (
    <div class="firehose-filters">
      <div class="firehose-filter">
        <label for={`${id}-channel`}>{t('firehose', 'channel')}</label>
        <select
          id={`${id}-channel`}
          value={view.channel ?? ''}
          onChange={(e) => setQuery({ channel: e.currentTarget.value })}
        >
          <option value="">{t('firehose', 'all_channels')}</option>
          {props.channels.map((channel) => (
            <option key={channel} value={channel}>
              {channel}
            </option>
          ))}
        </select>
      </div>
      <div class="firehose-filter">
        <label for={`${id}-port`}>{t('firehose', 'port')}</label>
        <select
          id={`${id}-port`}
          value={view.port === null ? '' : String(view.port)}
          onChange={(e) => setQuery({ port: e.currentTarget.value })}
        >
          <option value="">{t('firehose', 'all_ports')}</option>
          {props.ports.map((port) => (
            <option key={port} value={String(port)}>
              {port === PortNum.UNKNOWN_APP
                ? t('firehose', 'port_unknown')
                : `${portName(port)} (${port})`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
