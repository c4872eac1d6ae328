/** The windows the graph offers, in hours; a day by default. */
export const GRAPH_HOURS = [1, 12, 24, 72, 168] as const;

/** One of {@link GRAPH_HOURS}. */
export type GraphHours = (typeof GRAPH_HOURS)[number];

/** What the URL holds: `?hours=24&channel=LongFast&node=168939009`. */
export interface GraphQuery {
  readonly hours: GraphHours;
  /** `''`: every channel. */
  readonly channel: string;
  /** The chosen node's number, `null` for none. */
  readonly node: number | null;
}

/** The view the URL asks for; anything not offered falls back to the default. */
export function parseGraphQuery(query: URLSearchParams): GraphQuery {
  const hours = GRAPH_HOURS.find((h) => h === Number(query.get('hours'))) ?? 24;
  const raw = query.get('node');
  const node = raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
  return { hours, channel: query.get('channel') ?? '', node };
}
