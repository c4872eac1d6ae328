import { useMemo } from 'preact/hooks';
import { useI18n } from '../../lib/i18n.js';
import {
  DAYS,
  DEFAULT_VIEW,
  SORT_KEYS,
  isFiltered,
  type Days,
  type NodeListView,
  type SortKey,
} from './node-list-view.js';
import { optionsOf, type NodeRow } from './node-rows.js';

/** A labelled dropdown of one field's values among the loaded nodes, "All" first. */
function FieldFilter(props: {
  id: string;
  label: string;
  value: string;
  options: { value: string; count: number }[];
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  const known = props.value === '' || props.options.some((o) => o.value === props.value);
  return (
    <label class="field" for={props.id}>
      {props.label}
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">{t('nodelist', 'all')}</option>
        {!known && <option value={props.value}>{props.value} (0)</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.value} ({o.count})
          </option>
        ))}
      </select>
    </label>
  );
}

/** The node list's search box, period, filters, "only" toggles and (on phones) sort choice. */
export function NodeListFilters(props: {
  view: NodeListView;
  /** The search box's text (the view's `q` follows it once typing pauses). */
  text: string;
  setText: (text: string) => void;
  update: (change: Partial<NodeListView>) => void;
  rows: readonly NodeRow[];
}) {
  const { t, lang } = useI18n();
  const { view, update, rows } = props;
  const options = useMemo(
    () => ({
      role: optionsOf(rows, 'role', lang),
      channel: optionsOf(rows, 'channel', lang),
      hw: optionsOf(rows, 'hw_model', lang),
      fw: optionsOf(rows, 'firmware', lang),
    }),
    [rows, lang],
  );
  return (
    <div class="toolbar" role="search" aria-label={t('nodelist', 'filters')}>
      <label class="field field-search" for="nodelist-search">
        {t('nodelist', 'search')}
        <input
          id="nodelist-search"
          type="search"
          value={props.text}
          placeholder={t('nodelist', 'search_hint')}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => props.setText(e.currentTarget.value)}
        />
      </label>
      <label class="field" for="nodelist-days">
        {t('nodelist', 'days_active')}
        <select
          id="nodelist-days"
          value={view.days}
          onChange={(e) => update({ days: e.currentTarget.value as Days })}
        >
          {DAYS.map((days) => (
            <option key={days} value={days}>
              {t('nodelist', `days_${days}`)}
            </option>
          ))}
        </select>
      </label>
      <FieldFilter
        id="nodelist-role"
        label={t('nodelist', 'role')}
        value={view.role}
        options={options.role}
        onChange={(role) => update({ role })}
      />
      <FieldFilter
        id="nodelist-channel"
        label={t('nodelist', 'channel')}
        value={view.channel}
        options={options.channel}
        onChange={(channel) => update({ channel })}
      />
      <FieldFilter
        id="nodelist-hw"
        label={t('nodelist', 'hw_model')}
        value={view.hw}
        options={options.hw}
        onChange={(hw) => update({ hw })}
      />
      <FieldFilter
        id="nodelist-fw"
        label={t('nodelist', 'firmware')}
        value={view.fw}
        options={options.fw}
        onChange={(fw) => update({ fw })}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={view.gateways}
          onChange={(e) => update({ gateways: e.currentTarget.checked })}
        />
        {t('nodelist', 'gateways_only')}
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={view.favourites}
          onChange={(e) => update({ favourites: e.currentTarget.checked })}
        />
        {t('nodelist', 'favourites_only')}
      </label>
      <label class="field sort-phone" for="nodelist-sort">
        {t('nodelist', 'sort_by')}
        <select
          id="nodelist-sort"
          value={`${view.sort}:${view.dir}`}
          onChange={(e) => {
            const [sort, dir] = e.currentTarget.value.split(':') as [SortKey, 'asc' | 'desc'];
            update({ sort, dir });
          }}
        >
          {SORT_KEYS.flatMap((key) =>
            (['asc', 'desc'] as const).map((dir) => (
              <option key={`${key}:${dir}`} value={`${key}:${dir}`}>
                {t('nodelist', key)} ·{' '}
                {t('nodelist', dir === 'asc' ? 'sort_ascending' : 'sort_descending')}
              </option>
            )),
          )}
        </select>
      </label>
      {isFiltered(view) && (
        <button
          type="button"
          onClick={() => {
            props.setText('');
            update({ ...DEFAULT_VIEW, days: view.days, sort: view.sort, dir: view.dir });
          }}
        >
          {t('nodelist', 'reset')}
        </button>
      )}
    </div>
  );
}
