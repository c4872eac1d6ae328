import { Link } from '../../components/link.js';
import { hexId } from '../../lib/format.js';

/** A link to a node's page by its name, `!hex` id when it has none (or after it, muted). */
export function NodeRef(props: {
  num: number;
  name?: string | null | undefined;
  showId?: boolean;
}) {
  const id = hexId(props.num);
  const name = props.name?.trim() ? props.name : null;
  return (
    <span class="node-ref">
      <Link href={`/node/${props.num}`}>{name ?? id}</Link>
      {name !== null && props.showId !== false && <span class="node-ref-id"> {id}</span>}
    </span>
  );
}
