import { hexId } from '../lib/format.js';
import { Link } from './link.js';

/**
 * A link to a node's page, named `SHORT Long name` (the short name as a badge); the `!hex` id
 * when the node has not said its names.
 */
export function NodeName(props: {
  nodeId: number;
  shortName?: string | null | undefined;
  longName?: string | null | undefined;
  class?: string;
}) {
  const { nodeId, shortName, longName } = props;
  const long = longName?.trim() || undefined;
  const short = shortName?.trim() || undefined;
  return (
    <Link href={`/node/${nodeId}`} class={props.class ? `node-name ${props.class}` : 'node-name'}>
      {short && <span class="node-short">{short}</span>}
      <span class="node-long">{long ?? (short ? '' : hexId(nodeId))}</span>
    </Link>
  );
}
