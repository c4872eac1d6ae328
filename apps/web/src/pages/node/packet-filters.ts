/** The "since" choices of a node's packet table, by their URL value, with their length in µs. */
export const SINCE_CHOICES = [
  { value: '1h', us: 3_600_000_000 },
  { value: '6h', us: 6 * 3_600_000_000 },
  { value: '24h', us: 24 * 3_600_000_000 },
  { value: '7d', us: 7 * 24 * 3_600_000_000 },
  { value: 'all', us: null },
] as const;

/** A "since" choice's URL value. */
export type Since = (typeof SINCE_CHOICES)[number]['value'];

/** The table's filters, from the page's query (`?since=6h&port=67`); unknown values are ignored. */
export function packetFilters(query: URLSearchParams): { since: Since; port: number | null } {
  const since = SINCE_CHOICES.find((c) => c.value === query.get('since'))?.value ?? 'all';
  const portText = query.get('port') ?? '';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : null;
  return { since, port };
}

/** The `since` parameter (µs) of a choice, measured back from `nowMs`; `undefined` for all. */
export function sinceUs(since: Since, nowMs: number): number | undefined {
  const choice = SINCE_CHOICES.find((c) => c.value === since);
  return choice?.us ? nowMs * 1000 - choice.us : undefined;
}
