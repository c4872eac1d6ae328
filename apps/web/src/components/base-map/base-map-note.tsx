import { useI18n } from '../../lib/i18n.js';
import type { BaseMapState } from './base-map.js';

/**
 * The line under (or over) a map that says its tiles could not load and what it shows instead;
 * nothing while the tiles are fine. A live region, so that screen readers hear it when it comes.
 */
export function BaseMapNote(props: { state: BaseMapState; class?: string }) {
  const { t } = useI18n();
  const { tiles, outline } = props.state;
  const key =
    tiles !== 'failed' && tiles !== 'none'
      ? null
      : outline === 'failed'
        ? 'no_background'
        : tiles === 'none'
          ? 'outline_only'
          : 'tiles_unavailable';
  return (
    <p class={`base-map-note${props.class ? ` ${props.class}` : ''}`} role="status">
      {key === null ? '' : t('basemap', key)}
    </p>
  );
}
