import { useId, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n.js';

/**
 * "Share view": copies the link to what the map shows now (`url()`, asked at the click) and
 * shows it, selectable, for browsers that refuse the clipboard.
 */
export function ShareView(props: { url: () => string }) {
  const { t } = useI18n();
  const id = useId();
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const share = () => {
    const link = props.url();
    setUrl(link);
    setCopied(null);
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) {
      setCopied('no');
      return;
    }
    clipboard.writeText(link).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };
  return (
    <div class="map-share">
      <button type="button" onClick={share}>
        {t('map', 'share')}
      </button>
      {url !== null && (
        <span class="map-share-url">
          <label for={`${id}-url`} class="visually-hidden">
            {t('map', 'share_url')}
          </label>
          <input
            id={`${id}-url`}
            type="text"
            readOnly
            value={url}
            onFocus={(e) => e.currentTarget.select()}
          />
        </span>
      )}
      <span class="map-share-status" role="status">
        {copied === 'yes' ? t('map', 'copied') : copied === 'no' ? t('map', 'copy_failed') : ''}
      </span>
    </div>
  );
}
