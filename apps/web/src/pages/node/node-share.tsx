import { useEffect, useId, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import type { NodeQrResponse } from '@meshview/api';
import { useApi } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { SectionNote } from './section-note.js';

/**
 * The node as a Meshtastic contact (`/api/node/{id}/qr`): its import URL to copy, and the same
 * URL as a QR code drawn here (SVG, black on white in either theme so phones can scan it).
 */
export function NodeShare(props: { nodeId: number; name: string }) {
  const { t } = useI18n();
  const id = useId();
  const state = useApi<NodeQrResponse>(`api/node/${props.nodeId}/qr`);
  const url = state.data?.meshtastic_url;
  const [svg, setSvg] = useState<string | null>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  useEffect(() => {
    if (url === undefined) return;
    let live = true;
    QRCode.toString(url, {
      type: 'svg',
      margin: 2,
      errorCorrectionLevel: 'M',
      color: { dark: '#000000', light: '#ffffff' },
    }).then(
      (text) => live && setSvg(text),
      () => live && setSvg(null),
    );
    return () => {
      live = false;
    };
  }, [url]);

  const copy = () => {
    if (url === undefined) return;
    navigator.clipboard.writeText(url).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };

  return (
    <section class="node-card node-share" aria-labelledby="node-share-title">
      <h2 id="node-share-title">{t('node', 'qr_code')}</h2>
      {url === undefined ? (
        <SectionNote state={state} />
      ) : (
        <>
          {svg !== null && (
            <img
              class="node-qr"
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
              alt={t('node', 'qr_alt', { name: props.name })}
              width={200}
              height={200}
            />
          )}
          <div class="node-url">
            <label for={`${id}-url`}>{t('node', 'contact_url')}</label>
            <input
              id={`${id}-url`}
              type="text"
              readOnly
              value={url}
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          <button type="button" onClick={copy}>
            {t('node', 'copy_url')}
          </button>
          <span class="node-copied" role="status">
            {copied === 'yes'
              ? t('node', 'copied')
              : copied === 'no'
                ? t('node', 'copy_failed')
                : ''}
          </span>
        </>
      )}
    </section>
  );
}
