import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MigrateError } from './errors.js';
import type { MigrationScript } from './migration-script.js';
import type { Revision } from './revision.js';
import { readScriptConstants } from './script-constants.js';
import { DESTRUCTIVE_MARKER, findDestructiveMarkers } from './schema/destructive-marker.js';

/**
 * Where a project's scripts live: TypeScript sources in `dir`, their compiled `.js` in
 * `compiledDir` (same base name). Scripts written in JavaScript (`.js`, `.mjs`) run as they are.
 */
export interface ScriptLocation {
  readonly dir: string;
  readonly compiledDir?: string;
}

const SOURCE = /\.(ts|mts)$/;
const JAVASCRIPT = /\.(js|mjs)$/;

/**
 * Reads every script in the folder into revisions. A script whose compiled form is missing or
 * older than its source is still listed (from its source text) but marked not runnable.
 */
export async function loadRevisions(location: ScriptLocation): Promise<Revision[]> {
  let names: string[];
  try {
    names = await readdir(location.dir);
  } catch (cause) {
    throw new MigrateError(
      'MIGRATE_SCRIPT_INVALID',
      `cannot read the migration scripts folder ${location.dir}`,
      { cause },
    );
  }
  const files = names
    .filter((n) => (SOURCE.test(n) && !n.endsWith('.d.ts')) || JAVASCRIPT.test(n))
    .filter((n) => !n.startsWith('.') && !n.startsWith('_'))
    .sort();
  return Promise.all(files.map((name) => loadRevision(location, name)));
}

async function loadRevision(location: ScriptLocation, name: string): Promise<Revision> {
  const revision = await loadScript(location, name);
  const unreviewed = await destructiveMarkers(revision.file);
  return unreviewed === undefined ? revision : { ...revision, unreviewed };
}

async function loadScript(location: ScriptLocation, name: string): Promise<Revision> {
  const file = join(location.dir, name);
  if (JAVASCRIPT.test(name)) {
    return fromModule(file, file, await importScript(file));
  }
  const runnable = join(
    location.compiledDir ?? location.dir,
    `${basename(name, extname(name))}${name.endsWith('.mts') ? '.mjs' : '.js'}`,
  );
  const notRunnable = await staleness(file, runnable, location.compiledDir);
  if (notRunnable === undefined) return fromModule(file, runnable, await importScript(runnable));
  return { ...fromSource(file, await readFile(file, 'utf8')), runnable, notRunnable };
}

/**
 * Where the script's source still carries a generated destructive step's marker (`file:line`), so
 * the engine can refuse it until a person has reviewed the step and removed the line.
 */
async function destructiveMarkers(file: string): Promise<string | undefined> {
  const marks = findDestructiveMarkers(await readFile(file, 'utf8'));
  if (marks.length === 0) return undefined;
  return (
    `${marks.map((m) => `${file}:${m.line}`).join(', ')} still ${marks.length === 1 ? 'carries' : 'carry'} ` +
    `the ${DESTRUCTIVE_MARKER} marker of a step that can lose data: review the step, delete the ` +
    'marker line, and build again'
  );
}

async function staleness(
  source: string,
  compiled: string,
  compiledDir: string | undefined,
): Promise<string | undefined> {
  if (compiledDir === undefined) {
    return `${source} is TypeScript and no compiled folder is configured`;
  }
  const [src, out] = await Promise.all([stat(source), stat(compiled).catch(() => undefined)]);
  if (!out) return `${source} has no compiled form (${compiled}): run \`npm run build\``;
  if (out.mtimeMs < src.mtimeMs) {
    return `${source} is newer than its compiled form ${compiled}: run \`npm run build\``;
  }
  return undefined;
}

/** Imports a script module; the query string makes a rebuilt file load anew in the same process. */
export async function importScript(file: string): Promise<MigrationScript> {
  const { mtimeMs } = await stat(file);
  try {
    return (await import(`${pathToFileURL(file).href}?v=${mtimeMs}`)) as MigrationScript;
  } catch (cause) {
    throw new MigrateError('MIGRATE_SCRIPT_INVALID', `${file} cannot be loaded: ${String(cause)}`, {
      cause,
    });
  }
}

/** Whether `value`, read from a script module, is a list of strings. */
function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function fromModule(file: string, runnable: string, mod: MigrationScript): Revision {
  const invalid = (what: string): MigrateError =>
    new MigrateError('MIGRATE_SCRIPT_INVALID', `${file}: ${what}`);
  if (typeof mod.revision !== 'string' || !/^[\w.-]{1,32}$/.test(mod.revision)) {
    throw invalid('`revision` must be an id of 1 to 32 letters, digits, "_", "-" or "."');
  }
  if (typeof mod.upgrade !== 'function' || typeof mod.downgrade !== 'function') {
    throw invalid('a script must export the functions `upgrade` and `downgrade`');
  }
  const down = mod.down_revision;
  const parents =
    down === null || down === undefined ? [] : typeof down === 'string' ? [down] : down;
  if (!isStringList(parents)) {
    throw invalid('`down_revision` must be null, a revision id, or a list of ids');
  }
  return {
    id: mod.revision,
    parents: [...parents],
    message: typeof mod.message === 'string' ? mod.message : '',
    ...(typeof mod.create_date === 'string' ? { createDate: mod.create_date } : {}),
    file,
    runnable,
  };
}

/** Reads a script's declarations from its text, for listing a script that cannot be imported. */
function fromSource(file: string, text: string): Omit<Revision, 'runnable'> {
  const constants = readScriptConstants(text);
  const invalid = (what: string): MigrateError =>
    new MigrateError(
      'MIGRATE_SCRIPT_INVALID',
      `${file}: ${what} (the script is not built, so it is read from its source)`,
    );
  const revision = constants.get('revision');
  if (typeof revision !== 'string') {
    throw invalid("no `export const revision = '…'` found");
  }
  const down = constants.get('down_revision');
  const parents =
    down === null || down === undefined ? [] : typeof down === 'string' ? [down] : down;
  if (
    (down === undefined && constants.has('down_revision')) ||
    parents.some((p) => typeof p !== 'string')
  ) {
    throw invalid('`down_revision` must be written as null, a string, or a list of strings');
  }
  const message = constants.get('message');
  const createDate = constants.get('create_date');
  return {
    id: revision,
    parents: parents as string[],
    message: typeof message === 'string' ? message : '',
    ...(typeof createDate === 'string' ? { createDate } : {}),
    file,
  };
}
