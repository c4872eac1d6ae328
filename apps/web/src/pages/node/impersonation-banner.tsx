import type { ImpersonationCheckResponse } from '@meshview/api';
import { useApi } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';

/**
 * A warning when the node number has announced more than one public key
 * (`/api/node/{id}/impersonation-check`): another device may be using its identity. Nothing
 * otherwise, nor while loading or when the check fails (the rest of the page still stands).
 */
export function ImpersonationBanner(props: { nodeId: number }) {
  const { t } = useI18n();
  const { data } = useApi<ImpersonationCheckResponse>(
    `api/node/${props.nodeId}/impersonation-check`,
  );
  if (!data?.potential_impersonation) return null;
  return (
    <section class="node-warning" role="alert" aria-labelledby="node-warning-title">
      <h2 id="node-warning-title">{t('node', 'impersonation_title')}</h2>
      <p>{t('node', 'impersonation_text', { count: data.unique_public_key_count })}</p>
      <details>
        <summary>{t('node', 'impersonation_keys')}</summary>
        <ul class="node-keys">
          {data.public_keys.map((key) => (
            <li key={key}>
              <code>{key}</code>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
