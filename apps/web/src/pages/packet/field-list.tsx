import type { ComponentChildren } from 'preact';

/** A labelled value; left out of the list when `value` is `undefined` or `null`. */
export interface Field {
  readonly label: string;
  readonly value: ComponentChildren | undefined;
}

/** Labelled values as a description list (label, then value), the fields with no value left out. */
export function FieldList(props: { fields: readonly Field[] }) {
  const shown = props.fields.filter((field) => field.value !== undefined && field.value !== null);
  if (shown.length === 0) return null;
  return (
    <dl class="field-list">
      {shown.map((field) => (
        <div class="field" key={field.label}>
          <dt>{field.label}</dt>
          <dd>{field.value}</dd>
        </div>
      ))}
    </dl>
  );
}
