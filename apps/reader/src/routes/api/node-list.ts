import { JsonText } from '../../http/answer-cache.js';
import type { NodeRow } from '../../queries/node.queries.js';

/** A listed node, and its JSON as the response schema writes it. */
export interface ListedNode {
  readonly row: NodeRow;
  readonly json: string;
}

/**
 * Every node `/api/nodes` lists, read and written out once, and the answers cut from them: an
 * answer is written once for each set of nodes it holds, however many filter combinations keep
 * that set. Most of a busy page's combinations keep the same nodes (every node was seen in the
 * last 3, 7 and 30 days, or ever), and such an answer is the whole mesh: at 2,000 nodes 680 KB
 * of JSON, joined, encoded and kept once per combination before.
 */
export class NodeList {
  readonly #nodes: readonly ListedNode[];
  /** Answers written from this list, by the runs of positions of the nodes they hold. */
  readonly #answers = new Map<string, JsonText>();

  constructor(nodes: readonly ListedNode[]) {
    this.#nodes = nodes;
  }

  /**
   * `{"nodes":[…]}` with the nodes `keep` passes, in the list's order: written now, or the
   * answer written before for the same nodes.
   */
  answer(keep: (row: NodeRow) => boolean): JsonText {
    const kept: string[] = [];
    // The kept positions as runs (`first-end,` each): one run when every node is kept.
    let runs = '';
    let runStart = -1;
    this.#nodes.forEach((node, at) => {
      if (keep(node.row)) {
        kept.push(node.json);
        if (runStart < 0) runStart = at;
      } else if (runStart >= 0) {
        runs += `${runStart}-${at},`;
        runStart = -1;
      }
    });
    if (runStart >= 0) runs += `${runStart}-${this.#nodes.length},`;
    let answer = this.#answers.get(runs);
    if (answer === undefined) {
      answer = new JsonText(Buffer.from(`{"nodes":[${kept.join(',')}]}`));
      this.#answers.set(runs, answer);
    }
    return answer;
  }
}
