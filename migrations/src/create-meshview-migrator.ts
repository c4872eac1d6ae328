import { basename, dirname, join, resolve } from 'node:path';
import { Migrator, type MigratorProps, type ScriptLocation } from '@meshview/migrate';
import { meshviewRetiredRevisions } from './retired-revisions.js';
import { meshviewScripts } from './meshview-scripts.js';

/** What the apps hand over to get MeshView's migrator; `scripts` defaults to MeshView's own. */
export type MeshviewMigratorProps<DB> = Omit<MigratorProps<DB>, 'scripts' | 'retired'> & {
  /** Another scripts folder (development and tests). */
  readonly scripts?: ScriptLocation;
};

/** The engine wired to MeshView's lineage: its scripts and its retired revision ids. */
export function createMeshviewMigrator<DB>(props: MeshviewMigratorProps<DB>): Promise<Migrator> {
  return Migrator.create({
    ...props,
    scripts: props.scripts ?? meshviewScripts,
    retired: meshviewRetiredRevisions,
  });
}

/**
 * The location of a scripts folder given on the command line (`--migrations DIR`): TypeScript
 * sources in DIR, compiled into `dist/<name of DIR>` beside it, as this package lays them out.
 */
export function scriptLocationFor(dir: string): ScriptLocation {
  const absolute = resolve(dir);
  return { dir: absolute, compiledDir: join(dirname(absolute), 'dist', basename(absolute)) };
}
