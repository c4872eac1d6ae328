import { useMemo, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n.js';
import { searchNodes, type Graph } from './graph-model.js';
import { nodeLabel } from './link-list-text.js';

/**
 * Finds a node by name or `!hex` id: the matches as buttons under the field, Enter takes the
 * first. Choosing one focuses it on the graph.
 */
export function GraphSearch(props: { graph: Graph; onPick: (index: number) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const matches = useMemo(() => searchNodes(props.graph.nodes, text), [props.graph, text]);
  const pick = (num: number) => {
    const index = props.graph.index.get(num);
    if (index === undefined) return;
    props.onPick(index);
    setText('');
  };
  return (
    <form
      class="graph-search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (matches[0]) pick(matches[0].num);
      }}
    >
      <label for="graph-search-input">{t('nodegraph', 'search')}</label>
      <input
        id="graph-search-input"
        type="search"
        value={text}
        placeholder={t('nodegraph', 'search_placeholder')}
        autocomplete="off"
        onInput={(event) => setText(event.currentTarget.value)}
      />
      {text.trim() !== '' && (
        <ul class="graph-search-matches" aria-label={t('nodegraph', 'matches')}>
          {matches.length === 0 ? (
            <li class="graph-search-none">{t('nodegraph', 'no_match')}</li>
          ) : (
            matches.map((n) => (
              <li key={n.num}>
                <button type="button" onClick={() => pick(n.num)} data-node={n.num}>
                  {nodeLabel(n, n.num)}
                </button>
              </li>
            ))
          )}
        </ul>
      )}
    </form>
  );
}
