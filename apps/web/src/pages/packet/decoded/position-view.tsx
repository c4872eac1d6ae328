import { formatNumber } from '../../../lib/format.js';
import { useI18n } from '../../../lib/i18n.js';
import { FieldList } from '../field-list.js';
import { asObject, numberField, stringField } from '../json-fields.js';
import { formatUnixSeconds } from './unix-time.js';
import type { DecodedViewProps } from './view-props.js';

/** Metres of uncertainty at 14 precision bits; each bit fewer doubles it (Meshtastic's table). */
const METRES_AT_14_BITS = 1459;

/** A position: coordinates, altitude, fix quality, speed and how precise the sender made it. */
export function PositionView(props: DecodedViewProps) {
  const { t, lang } = useI18n();
  const position = asObject(props.decoded);
  const lat = numberField(position, 'latitudeI');
  const lon = numberField(position, 'longitudeI');
  const altitude = numberField(position, 'altitude');
  const pdop = numberField(position, 'PDOP');
  const hdop = numberField(position, 'HDOP');
  const speed = numberField(position, 'groundSpeed');
  const sats = numberField(position, 'satsInView');
  const bits = numberField(position, 'precisionBits');
  const time = numberField(position, 'time') ?? numberField(position, 'timestamp');
  const source = stringField(position, 'locationSource');
  const coordinate = (value: number | undefined) =>
    value === undefined ? undefined : `${formatNumber(value / 1e7, lang, 6)}°`;
  return (
    <FieldList
      fields={[
        { label: t('packet', 'latitude'), value: coordinate(lat) },
        { label: t('packet', 'longitude'), value: coordinate(lon) },
        {
          label: t('packet', 'altitude'),
          value: altitude === undefined ? undefined : `${formatNumber(altitude, lang, 0)} m`,
        },
        // DOP values travel in hundredths (mesh.proto: "in 1/100 units").
        { label: 'PDOP', value: pdop ? formatNumber(pdop / 100, lang, 2) : undefined },
        { label: 'HDOP', value: hdop ? formatNumber(hdop / 100, lang, 2) : undefined },
        { label: t('packet', 'satellites'), value: sats },
        {
          label: t('packet', 'speed'),
          value:
            speed === undefined
              ? undefined
              : `${formatNumber(speed, lang, 1)} m/s (${formatNumber(speed * 3.6, lang, 1)} km/h)`,
        },
        {
          label: t('packet', 'precision_bits'),
          value: bits === undefined ? undefined : precision(bits, lang, t),
        },
        { label: t('packet', 'location_source'), value: source },
        { label: t('packet', 'position_time'), value: formatUnixSeconds(time, lang) },
      ]}
    />
  );
}

function precision(
  bits: number,
  lang: string,
  t: (section: string, key: string, values?: Record<string, string | number>) => string,
): string {
  if (bits >= 32) return `${bits} (${t('packet', 'precision_full')})`;
  const metres = METRES_AT_14_BITS * 2 ** (14 - bits);
  const distance =
    metres >= 1000
      ? `${formatNumber(metres / 1000, lang, 1)} km`
      : `${formatNumber(metres, lang, 0)} m`;
  return `${bits} (${t('packet', 'precision_about', { distance })})`;
}
