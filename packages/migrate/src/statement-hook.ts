import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * A Kysely plugin that calls `before(sql)` synchronously just before each statement is sent,
 * with the statement's SQL (compiled by `compile`). The migrator puts it on the lock holder's
 * connection when asked to (see MigratorProps.onStatement), for tests that stop a migration at a
 * chosen statement.
 */
export class StatementHook implements KyselyPlugin {
  readonly #before: (sql: string) => void;
  readonly #compile: (
    node: RootOperationNode,
    queryId: PluginTransformQueryArgs['queryId'],
  ) => string;

  constructor(
    before: (sql: string) => void,
    compile: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => string,
  ) {
    this.#before = before;
    this.#compile = compile;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#before(this.#compile(args.node, args.queryId));
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
