import { useI18n } from '../../../lib/i18n.js';
import { FieldList } from '../field-list.js';
import { asObject, stringField } from '../json-fields.js';
import { JsonView } from './json-view.js';
import type { DecodedViewProps } from './view-props.js';

/**
 * A routing message: an acknowledgement (`errorReason` NONE), a delivery error by name, or a
 * route request or reply (shown as JSON: firmware no longer sends them).
 */
export function RoutingView(props: DecodedViewProps) {
  const { t } = useI18n();
  const routing = asObject(props.decoded);
  const reason = stringField(routing, 'errorReason');
  if (reason === undefined) return <JsonView value={props.decoded} />;
  const known = t('packet', `routing_${reason}`);
  return (
    <FieldList
      fields={[
        {
          label: t('packet', 'routing_result'),
          value: known === `packet.routing_${reason}` ? reason : `${known} (${reason})`,
        },
      ]}
    />
  );
}
