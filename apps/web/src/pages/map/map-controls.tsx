import { useId } from 'preact/hooks';
import { useI18n } from '../../lib/i18n.js';
import { DEFAULT_FILTERS, isDefaultFilters, MAP_DAYS, type MapFilters } from './map-filters.js';

/**
 * The map's filters: the window, a role, gateways only, a checkbox per channel (with its colour,
 * the legend too), and a reset to the defaults.
 */
export function MapControls(props: {
  filters: MapFilters;
  onChange: (filters: MapFilters) => void;
  channels: readonly { readonly name: string; readonly count: number }[];
  colors: ReadonlyMap<string, string>;
  roles: readonly string[];
}) {
  const { t } = useI18n();
  const id = useId();
  const { filters, onChange } = props;
  const roles =
    filters.role !== null && !props.roles.includes(filters.role)
      ? [...props.roles, filters.role]
      : props.roles;
  const toggleChannel = (name: string, shown: boolean) =>
    onChange({
      ...filters,
      hiddenChannels: shown
        ? filters.hiddenChannels.filter((c) => c !== name)
        : [...filters.hiddenChannels, name],
    });

  return (
    <div class="map-controls">
      <div class="toolbar">
        <div class="field">
          <label for={`${id}-days`}>{t('map', 'window')}</label>
          <select
            id={`${id}-days`}
            value={String(filters.days)}
            onChange={(e) => onChange({ ...filters, days: Number(e.currentTarget.value) })}
          >
            {MAP_DAYS.map((days) => (
              <option key={days} value={String(days)}>
                {t('map', `days_${days}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-role`}>{t('map', 'role')}</label>
          <select
            id={`${id}-role`}
            value={filters.role ?? ''}
            onChange={(e) =>
              onChange({
                ...filters,
                role: e.currentTarget.value === '' ? null : e.currentTarget.value,
              })
            }
          >
            <option value="">{t('map', 'all_roles')}</option>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={filters.gatewaysOnly}
            onChange={(e) => onChange({ ...filters, gatewaysOnly: e.currentTarget.checked })}
          />
          {t('map', 'gateways_only')}
        </label>
        <button
          type="button"
          disabled={isDefaultFilters(filters)}
          onClick={() => onChange(DEFAULT_FILTERS)}
        >
          {t('map', 'reset')}
        </button>
      </div>
      <fieldset class="map-channels">
        <legend>{t('map', 'channels')}</legend>
        {props.channels.map(({ name, count }) => (
          <label class="check map-channel" key={name}>
            <input
              type="checkbox"
              checked={!filters.hiddenChannels.includes(name)}
              onChange={(e) => toggleChannel(name, e.currentTarget.checked)}
            />
            <span
              class="map-swatch"
              aria-hidden="true"
              style={{ background: props.colors.get(name) }}
            />
            {name === '' ? t('map', 'no_channel') : name}
            <span class="map-channel-count">({count})</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
