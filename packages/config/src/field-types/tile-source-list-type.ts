import { accept, reject, type FieldType } from './field-type.js';
import { tileUrlProblem } from './tile-url-problem.js';

/**
 * A base map the pages offer: its name in the chooser, its tile URL template, and the credit its
 * provider asks for (plain text), if any.
 */
export interface TileSource {
  readonly name: string;
  readonly url: string;
  readonly attribution?: string;
}

/**
 * A JSON array of base maps, `[{"name": "Topo", "url": "https://…/{z}/{x}/{y}.png"}]`: every
 * entry an object with a non-empty `name` (unique), a tile URL template that
 * {@link tileUrlProblem} accepts and an optional `attribution` text; no other keys, so a
 * misspelt one is not silently ignored.
 */
export function tileSourceListType(): FieldType<readonly TileSource[]> {
  return {
    expected: 'a JSON array of {"name": …, "url": "https://…/{z}/{x}/{y}.png"} objects',
    acceptsEmpty: true,
    parse(text) {
      if (text.trim() === '') return accept(Object.freeze([]));
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        return reject((error as Error).message);
      }
      if (!Array.isArray(value)) return reject('it is not a JSON array');
      const sources: TileSource[] = [];
      for (const [i, item] of (value as readonly unknown[]).entries()) {
        const problem = entryProblem(item, sources);
        if (problem !== undefined) return reject(`entry ${i + 1}: ${problem}`);
        const { name, url, attribution } = item as TileSource;
        const credit = attribution?.trim() ?? '';
        sources.push(
          Object.freeze({
            name: name.trim(),
            url: url.trim(),
            ...(credit === '' ? {} : { attribution: credit }),
          }),
        );
      }
      return accept(Object.freeze(sources));
    },
  };
}

const KEYS = ['name', 'url', 'attribution'];

function entryProblem(item: unknown, before: readonly TileSource[]): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return `${JSON.stringify(item)} is not an object`;
  }
  const extra = Object.keys(item).filter((k) => !KEYS.includes(k));
  if (extra.length > 0) return `unknown key ${JSON.stringify(extra[0])} (keys: ${KEYS.join(', ')})`;
  const { name, url, attribution } = item as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') return '"name" is missing or empty';
  if (typeof url !== 'string' || url.trim() === '') return '"url" is missing or empty';
  if (attribution !== undefined && typeof attribution !== 'string') {
    return '"attribution" is not a string';
  }
  if (before.some((s) => s.name === name.trim())) {
    return `the name ${JSON.stringify(name.trim())} is used twice`;
  }
  return tileUrlProblem(url.trim());
}
