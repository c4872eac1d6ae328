import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * A Kysely plugin that remembers the statement in flight, so that a failing revision's error can
 * name the statement that failed.
 */
export class StatementTracker implements KyselyPlugin {
  #pending: { node: RootOperationNode; queryId: PluginTransformQueryArgs['queryId'] } | undefined;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#pending = { node: args.node, queryId: args.queryId };
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#pending?.queryId === args.queryId) this.#pending = undefined;
    return Promise.resolve(args.result);
  }

  /** The statement that started and did not finish, if any, and forgets it. */
  take(): { node: RootOperationNode; queryId: PluginTransformQueryArgs['queryId'] } | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    return pending;
  }
}
