import type { Config } from '@meshview/config';
import type { Database } from '@meshview/db';
import type { HumanLogger } from '@meshview/log';
import type { Kysely } from 'kysely';
import type { Migrator, RevisionGraph, ScriptLocation } from '@meshview/migrate';
import type { DialectName, TableDefinition } from '@meshview/schema';

/** What every command gets: configuration, output, and the scripts and database on demand. */
export interface CommandContext {
  readonly config: Config;
  readonly logger: HumanLogger;
  readonly scripts: ScriptLocation;
  /** Writes one line of the command's answer to stdout. */
  readonly print: (line: string) => void;
  /** The scripts' graph, without touching the database. */
  readonly graph: () => Promise<RevisionGraph>;
  /** The engine over the configured database (opened on first use, closed on exit). */
  readonly migrator: () => Promise<Migrator>;
  /** The configured database's connection (opened on first use, closed on exit). */
  readonly database: () => Promise<{
    readonly db: Kysely<Database>;
    readonly dialect: DialectName;
  }>;
  /** The models the database should match, and the tables they leave alone. */
  readonly models: {
    readonly tables: readonly TableDefinition[];
    readonly exclude: readonly string[];
  };
}

/** A verb's options: each a flag, or an option that takes a value. */
export type OptionSpec = Readonly<Record<string, 'flag' | 'value'>>;

/** A verb's arguments, parsed against its options. */
export interface CommandArgs {
  readonly flags: ReadonlyMap<string, string | true>;
  readonly positionals: readonly string[];
  /**
   * `--verbose` (`-v`), before or after the verb: more detail in the answer, and the log lines
   * at info (or the configured level, if lower) on stderr.
   */
  readonly verbose: boolean;
}

/** One verb of `meshview-migrate`. */
export interface Command {
  readonly name: string;
  /** The usage line after the verb, and one line of what it does. */
  readonly usage: string;
  readonly summary: string;
  /** The options the verb takes besides `--verbose` (`-v`), which every verb takes. */
  readonly options: OptionSpec;
  /**
   * The verb only reads: its database is opened read-only (a user who may only read the file
   * can run it, and nothing is written, not even a new empty file).
   */
  readonly readOnly?: boolean;
  /** Resolves to the exit code (0 when it resolves to nothing). */
  run(ctx: CommandContext, args: CommandArgs): Promise<number | void>;
}

/** The CLI's usage error: exit code 2, with the message and the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `--verbose` and its short form, which every verb takes. */
export const VERBOSE_OPTIONS: OptionSpec = { '--verbose': 'flag', '-v': 'flag' };

/** Splits a command's arguments into flags (with their values) and positionals. */
export function parseCommandArgs(
  args: readonly string[],
  spec: OptionSpec,
): { flags: Map<string, string | true>; positionals: string[] } {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const kind = spec[name];
    if (kind === undefined) {
      // "-1" is a downgrade target, not an option.
      if (arg.startsWith('-') && !/^-\d+$/.test(arg)) throw new UsageError(`unknown option ${arg}`);
      positionals.push(arg);
    } else if (kind === 'flag') {
      flags.set(name, true);
    } else {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      flags.set(name, value);
    }
  }
  return { flags, positionals };
}
