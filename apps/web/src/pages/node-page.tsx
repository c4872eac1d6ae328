import { useEffect } from 'preact/hooks';
import type { ConfigResponse, NodesResponse } from '@meshview/api';
import { Link } from '../components/link.js';
import { useApi } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';
import { nodeIdParam } from './node/node-id-param.js';
import { nodeLabel } from './node/node-label.js';
import { nodeLive } from './node/node-live.js';
import { nodeRequests } from './node/node-requests.js';
import { NodeView } from './node/node-view.js';
import { useLiveNode } from './node/use-live-node.js';

/**
 * `/node/{id}`: everything about one node (MeshView's node page and more). The id is decimal as
 * MeshView links it, or `!hex`/`0x…`; an id that names no node gets a clear "no such node".
 */
export function NodePage(props: { params: Record<string, string>; config: ConfigResponse }) {
  const text = props.params.id ?? '';
  const nodeId = nodeIdParam(text);
  if (nodeId === null) return <NoSuchNode text={text} />;
  // A new node is a new page: nothing of the previous one's state carries over.
  return <KnownNode key={nodeId} nodeId={nodeId} config={props.config} />;
}

function KnownNode(props: { nodeId: number; config: ConfigResponse }) {
  const { t } = useI18n();
  const state = useApi<NodesResponse>(...nodeRequests.node(props.nodeId));
  // Its details follow what it sends while the page is open (last seen, position, names).
  const node = useLiveNode(props.nodeId, state.data?.nodes[0], nodeLive(props.config));
  useEffect(() => {
    if (node) document.title = `${nodeLabel(props.nodeId, node)} · ${props.config.site.title}`;
  }, [node]);

  if (state.error) {
    return (
      <p class="section-note section-error" role="alert">
        {t('base', 'error')} ({state.error.message})
      </p>
    );
  }
  if (state.data === undefined) {
    return (
      <p class="section-note" role="status">
        {t('base', 'loading')}
      </p>
    );
  }
  if (node === undefined) return <NoSuchNode text={String(props.nodeId)} />;
  return <NodeView node={node} nodeId={props.nodeId} config={props.config} />;
}

function NoSuchNode(props: { text: string }) {
  const { t } = useI18n();
  return (
    <section class="node-missing" aria-labelledby="node-missing-title">
      <h1 id="node-missing-title">{t('node', 'no_such_node')}</h1>
      <p>{t('node', 'no_such_node_text', { id: props.text })}</p>
      <p>
        <Link href="/nodelist">{t('node', 'to_node_list')}</Link>
      </p>
    </section>
  );
}
