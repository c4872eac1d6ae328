import type { Packet } from '@meshview/api';
import { useI18n } from '../../lib/i18n.js';
import { FirehoseRow } from './firehose-row.js';

/** The packets, newest first: a table with a header row on wide screens, cards on a phone. */
export function FirehoseTable(props: { packets: readonly Packet[] }) {
  const { t } = useI18n();
  return (
    <table class="firehose-table" data-table="firehose">
      <caption class="visually-hidden">{t('firehose', 'caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('firehose', 'time')}</th>
          <th scope="col">{t('firehose', 'id')}</th>
          <th scope="col">{t('firehose', 'from')}</th>
          <th scope="col">{t('firehose', 'to')}</th>
          <th scope="col">{t('firehose', 'channel')}</th>
          <th scope="col">{t('firehose', 'port')}</th>
        </tr>
      </thead>
      <tbody>
        {props.packets.map((packet) => (
          <FirehoseRow key={packet.id} packet={packet} />
        ))}
      </tbody>
    </table>
  );
}
