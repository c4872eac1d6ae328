import type { Command } from './command.js';
import { checkCommand } from './commands/check.command.js';
import { currentCommand } from './commands/current.command.js';
import { downgradeCommand } from './commands/downgrade.command.js';
import { headsCommand } from './commands/heads.command.js';
import { historyCommand } from './commands/history.command.js';
import { revisionCommand } from './commands/revision.command.js';
import { stampCommand } from './commands/stamp.command.js';
import { upgradeCommand } from './commands/upgrade.command.js';

/** Every verb, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  upgradeCommand,
  downgradeCommand,
  currentCommand,
  historyCommand,
  headsCommand,
  stampCommand,
  revisionCommand,
  checkCommand,
];
