import { describe, expect, it } from 'vitest';
import type { NodeRow } from '../../src/queries/node.queries.js';
import { NodeList, type ListedNode } from '../../src/routes/api/node-list.js';

/** Nodes 1..n, each seen `n - id` days ago, on channel A or B by turns. */
function listed(n: number): ListedNode[] {
  return Array.from({ length: n }, (_, i) => {
    const row = { node_id: i + 1, channel: i % 2 === 0 ? 'A' : 'B', last_seen_us: n - i };
    return { row: row as unknown as NodeRow, json: JSON.stringify(row) };
  });
}

const text = (answer: { json: string | Buffer }): string => answer.json.toString();

describe('NodeList', () => {
  it('writes the kept nodes in the list order, once for each set of nodes', () => {
    const list = new NodeList(listed(6));
    const everySeen = list.answer(() => true);
    const seenEver = list.answer((row) => row.last_seen_us !== null);
    expect(seenEver).toBe(everySeen);
    expect(JSON.parse(text(everySeen))).toEqual({
      nodes: listed(6).map((node) => JSON.parse(node.json) as unknown),
    });

    const channelA = list.answer((row) => row.channel === 'A');
    expect(channelA).not.toBe(everySeen);
    expect(
      (JSON.parse(text(channelA)) as { nodes: { node_id: number }[] }).nodes.map((n) => n.node_id),
    ).toEqual([1, 3, 5]);
    const channelB = list.answer((row) => row.channel === 'B');
    expect(channelB).not.toBe(channelA);
    expect(list.answer((row) => (row.node_id ?? 0) % 2 === 1)).toBe(channelA);

    // Runs that end where others start are still told apart.
    const firstTwo = list.answer((row) => (row.node_id ?? 0) <= 2);
    const firstThree = list.answer((row) => (row.node_id ?? 0) <= 3);
    expect(firstTwo).not.toBe(firstThree);
    expect(text(firstThree)).toBe(
      `{"nodes":[${listed(6)
        .slice(0, 3)
        .map((node) => node.json)
        .join(',')}]}`,
    );
    const none = list.answer(() => false);
    expect(text(none)).toBe('{"nodes":[]}');
  });

  it('writes the UTF-8 bytes of the text, whatever the characters', () => {
    const row = { node_id: 1, long_name: 'Zürich ⛰️ 🐧 "q" \\' };
    const list = new NodeList([{ row: row as unknown as NodeRow, json: JSON.stringify(row) }]);
    const answer = list.answer(() => true);
    expect(Buffer.isBuffer(answer.json)).toBe(true);
    expect(JSON.parse(text(answer))).toEqual({ nodes: [row] });
  });
});
