/** Decoded content we have no view for, as indented JSON. */
export function JsonView(props: { value: unknown }) {
  return <pre class="json-view">{JSON.stringify(props.value, null, 2)}</pre>;
}
