import { useI18n } from '../../../lib/i18n.js';
import { FieldList } from '../field-list.js';
import { asObject, base64ToHex, booleanField, stringField } from '../json-fields.js';
import type { DecodedViewProps } from './view-props.js';

/** A node's announcement of itself (`User`): names, hardware, role, keys. */
export function NodeInfoView(props: DecodedViewProps) {
  const { t } = useI18n();
  const user = asObject(props.decoded);
  const hwModel = user?.['hwModel'];
  const mac = stringField(user, 'macaddr');
  const publicKey = stringField(user, 'publicKey');
  const yes = (value: boolean | undefined) =>
    value === undefined ? undefined : t('packet', value ? 'yes' : 'no');
  return (
    <FieldList
      fields={[
        { label: t('packet', 'node_id'), value: stringField(user, 'id') },
        { label: t('packet', 'long_name'), value: stringField(user, 'longName') },
        { label: t('packet', 'short_name'), value: stringField(user, 'shortName') },
        {
          label: t('packet', 'hardware'),
          value: typeof hwModel === 'string' || typeof hwModel === 'number' ? hwModel : undefined,
        },
        {
          label: t('packet', 'role'),
          value: stringField(user, 'role') ?? t('packet', 'role_client'),
        },
        { label: t('packet', 'licensed'), value: yes(booleanField(user, 'isLicensed')) },
        {
          label: t('packet', 'unmessagable'),
          value: yes(booleanField(user, 'isUnmessagable')),
        },
        { label: t('packet', 'mac_address'), value: mac && base64ToHex(mac, ':') },
        {
          label: t('packet', 'public_key'),
          value: publicKey && <code class="wrap-anywhere">{base64ToHex(publicKey)}</code>,
        },
      ]}
    />
  );
}
