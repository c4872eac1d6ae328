import { formatNumber } from '../../../lib/format.js';
import { useI18n } from '../../../lib/i18n.js';
import { FieldList } from '../field-list.js';
import { asObject, booleanField, numberField, stringField } from '../json-fields.js';
import type { DecodedViewProps } from './view-props.js';

/** A map report (`MapReport`, sent to MQTT's `/2/map/` topic): the node's summary of itself. */
export function MapReportView(props: DecodedViewProps) {
  const { t, lang } = useI18n();
  const report = asObject(props.decoded);
  const lat = numberField(report, 'latitudeI');
  const lon = numberField(report, 'longitudeI');
  const hwModel = report?.['hwModel'];
  const yes = (value: boolean | undefined) =>
    value === undefined ? undefined : t('packet', value ? 'yes' : 'no');
  return (
    <FieldList
      fields={[
        { label: t('packet', 'long_name'), value: stringField(report, 'longName') },
        { label: t('packet', 'short_name'), value: stringField(report, 'shortName') },
        {
          label: t('packet', 'role'),
          value: stringField(report, 'role') ?? t('packet', 'role_client'),
        },
        {
          label: t('packet', 'hardware'),
          value: typeof hwModel === 'string' || typeof hwModel === 'number' ? hwModel : undefined,
        },
        { label: t('packet', 'firmware'), value: stringField(report, 'firmwareVersion') },
        { label: t('packet', 'region'), value: stringField(report, 'region') },
        { label: t('packet', 'modem_preset'), value: stringField(report, 'modemPreset') },
        {
          label: t('packet', 'latitude'),
          value: lat === undefined ? undefined : `${formatNumber(lat / 1e7, lang, 6)}°`,
        },
        {
          label: t('packet', 'longitude'),
          value: lon === undefined ? undefined : `${formatNumber(lon / 1e7, lang, 6)}°`,
        },
        {
          label: t('packet', 'altitude'),
          value:
            numberField(report, 'altitude') === undefined
              ? undefined
              : `${numberField(report, 'altitude')} m`,
        },
        { label: t('packet', 'precision_bits'), value: numberField(report, 'positionPrecision') },
        { label: t('packet', 'online_nodes'), value: numberField(report, 'numOnlineLocalNodes') },
        {
          label: t('packet', 'default_channel'),
          value: yes(booleanField(report, 'hasDefaultChannel')),
        },
      ]}
    />
  );
}
