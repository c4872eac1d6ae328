import { formatNumber } from '../../../lib/format.js';
import { useI18n, type I18n } from '../../../lib/i18n.js';
import { FieldList, type Field } from '../field-list.js';
import { asObject, humanise, numberField } from '../json-fields.js';
import { formatUnixSeconds } from './unix-time.js';
import type { DecodedViewProps } from './view-props.js';

/** Units of the metrics that have one (telemetry.proto's comments). */
const UNITS: Readonly<Record<string, string>> = {
  batteryLevel: '%',
  voltage: 'V',
  channelUtilization: '%',
  airUtilTx: '%',
  temperature: '°C',
  relativeHumidity: '%',
  barometricPressure: 'hPa',
  gasResistance: 'MΩ',
  current: 'mA',
  lux: 'lx',
  whiteLux: 'lx',
  irLux: 'lx',
  uvLux: 'lx',
  windDirection: '°',
  windSpeed: 'm/s',
  windGust: 'm/s',
  windLull: 'm/s',
  weight: 'kg',
  distance: 'mm',
  radiation: 'µR/h',
  rainfall1h: 'mm',
  rainfall24h: 'mm',
  soilMoisture: '%',
  soilTemperature: '°C',
  heartBpm: 'bpm',
  spO2: '%',
  co2: 'ppm',
  pm10Standard: 'µg/m³',
  pm25Standard: 'µg/m³',
  pm100Standard: 'µg/m³',
  pm10Environmental: 'µg/m³',
  pm25Environmental: 'µg/m³',
  pm100Environmental: 'µg/m³',
  heapTotalBytes: 'B',
  heapFreeBytes: 'B',
  freememBytes: 'B',
  diskfree1Bytes: 'B',
};

/** `batteryLevel` above 100 means "powered" (telemetry.proto: 101 is external power). */
const POWERED_LEVEL = 101;

/**
 * A telemetry report: each group of metrics (device, environment, power, air quality, local
 * stats, …) as a labelled list with units; metrics we have no label for get their field name.
 */
export function TelemetryView(props: DecodedViewProps) {
  const { t, lang } = useI18n();
  const telemetry = asObject(props.decoded);
  const time = formatUnixSeconds(numberField(telemetry, 'time'), lang);
  const groups = Object.entries(telemetry ?? {}).flatMap(([name, value]) => {
    const metrics = asObject(value);
    return metrics ? [{ name, metrics }] : [];
  });
  return (
    <div class="telemetry-view">
      {time && <FieldList fields={[{ label: t('packet', 'telemetry_time'), value: time }]} />}
      {groups.map((group) => (
        <section key={group.name}>
          <h3>{labelOf(t, 'telemetry', group.name)}</h3>
          <FieldList
            fields={Object.entries(group.metrics).map(([key, value]): Field => ({
              label: labelOf(t, 'metric', key),
              value: metricValue(key, value, lang, t),
            }))}
          />
        </section>
      ))}
    </div>
  );
}

/** The translated label `packet.<prefix>_<key>`, or the humanised key when there is none. */
function labelOf(t: I18n['t'], prefix: string, key: string): string {
  const label = t('packet', `${prefix}_${key}`);
  return label === `packet.${prefix}_${key}` ? humanise(key) : label;
}

function metricValue(key: string, value: unknown, lang: string, t: I18n['t']): string | undefined {
  if (typeof value === 'boolean') return t('packet', value ? 'yes' : 'no');
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return undefined;
  if (key === 'batteryLevel' && value >= POWERED_LEVEL) return t('packet', 'battery_powered');
  if (key === 'uptimeSeconds') return duration(value, t);
  const unit = UNITS[key];
  return unit ? `${formatNumber(value, lang, 2)} ${unit}` : formatNumber(value, lang, 2);
}

function duration(seconds: number, t: I18n['t']): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return t('packet', 'duration', { days, hours, minutes });
}
