import { loadConfig } from '@meshview/config';
import {
  databaseErrorExplainer,
  openDatabase,
  tables,
  type DatabaseConnection,
} from '@meshview/db';
import { createHumanLogger } from '@meshview/log';
import { loadRevisions, RevisionGraph, type Migrator } from '@meshview/migrate';
import {
  createMeshviewMigrator,
  meshviewRetiredRevisions,
  meshviewScripts,
  scriptLocationFor,
} from '@meshview/migrations';
import { cliLogLevel } from './cli-log-level.js';
import {
  parseCommandArgs,
  UsageError,
  VERBOSE_OPTIONS,
  type CommandArgs,
  type CommandContext,
} from './command.js';
import { COMMANDS } from './command-list.js';
import { failureCode } from './failure-code.js';

const USAGE = `usage: meshview-migrate [--config PATH] [--migrations DIR] VERB [ARGS]

  --config PATH      configuration file (default ./config.ini)
  --migrations DIR   another scripts folder (development and tests)
  -v, --verbose      more detail, and the log's progress lines on stderr (before or after
                     the verb; without it the log shows only warnings and errors)

verbs:
${COMMANDS.map((c) => `  ${c.usage.padEnd(42)} ${c.summary}`).join('\n')}
`;

const KEY = '[database] connection_string';

interface GlobalArgs {
  readonly config?: string;
  readonly migrations?: string;
  readonly help: boolean;
  readonly verbose: boolean;
  readonly verb?: string;
  readonly rest: readonly string[];
}

/** Takes the global options that come before the verb. */
function parseGlobal(argv: readonly string[]): GlobalArgs {
  const out: { config?: string; migrations?: string; help: boolean; verbose: boolean } = {
    help: false,
    verbose: false,
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.split(/=(.*)/s, 2);
    if (name === '--config' || name === '--migrations') {
      const value = inline ?? argv[++i];
      if (!value) throw new UsageError(`${name} needs a value`);
      out[name === '--config' ? 'config' : 'migrations'] = value;
    } else if (arg === '-h' || arg === '--help') {
      out.help = true;
    } else if (arg === '-v' || arg === '--verbose') {
      out.verbose = true;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      break;
    }
  }
  return { ...out, verb: argv[i], rest: argv.slice(i + 1) };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseGlobal(argv);
  if (args.help || !args.verb) {
    process.stdout.write(USAGE);
    return args.help ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === args.verb);
  if (!command) throw new UsageError(`unknown verb "${args.verb}"`);
  const parsed = parseCommandArgs(args.rest, { ...VERBOSE_OPTIONS, ...command.options });
  const commandArgs: CommandArgs = {
    ...parsed,
    verbose: args.verbose || parsed.flags.has('--verbose') || parsed.flags.has('-v'),
  };
  const warnings: string[] = [];
  const config = await loadConfig({
    ...(args.config !== undefined ? { path: args.config } : {}),
    warn: (message) => warnings.push(message),
  });
  const logger = createHumanLogger({
    level: cliLogLevel(config.logging.level, commandArgs.verbose),
    fd: 2,
  });
  for (const message of warnings) logger.warn({}, message);
  const scripts = args.migrations ? scriptLocationFor(args.migrations) : meshviewScripts;
  let handle: Promise<DatabaseConnection> | undefined;
  const target = config.database.connectionString;
  const readOnly = command.readOnly ?? false;
  // Names [database] connection_string and the file or host, and says what to check.
  const explain = databaseErrorExplainer({ target, key: KEY, readOnly });
  const database = () => (handle ??= openDatabase(target, { readOnly }));
  let migrator: Promise<Migrator> | undefined;
  const ctx: CommandContext = {
    config,
    logger,
    scripts,
    print: (line) => process.stdout.write(`${line}\n`),
    graph: async () => new RevisionGraph(await loadRevisions(scripts), meshviewRetiredRevisions),
    migrator: () =>
      (migrator ??= (async () => {
        const { db, dialect } = await database();
        return createMeshviewMigrator({
          dialect,
          db,
          logger,
          lockLeaseMs: config.migrations.lockLeaseS * 1000,
          scripts,
        });
      })()),
    database,
    models: { tables: Object.values(tables), exclude: [] },
  };
  try {
    return (await command.run(ctx, commandArgs)) ?? 0;
  } catch (error) {
    // Errors before the database was opened are not about it.
    if (handle) explain(error);
    throw error;
  } finally {
    if (handle) await (await handle.catch(() => undefined))?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    const code = failureCode(error);
    process.stderr.write(
      `error${code ? ` [${code}]` : ''}: ${(error as Error).message ?? String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
