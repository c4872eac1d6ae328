import type { CompiledQuery } from 'kysely';

/**
 * A query a route runs: compiled by the plan tests (`EXPLAIN` of exactly this SQL), executed by
 * the route.
 */
export interface ListQuery<Row> {
  compile(): CompiledQuery;
  execute(): Promise<Row[]>;
}
