import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './tmp.js';

/** A fixture revision: statements per direction, the same on both databases unless split. */
export interface FixtureRevision {
  readonly id: string;
  readonly down?: string | readonly string[] | null;
  readonly message?: string;
  readonly up: readonly string[];
  readonly downgrade?: readonly string[];
  /** JavaScript run at the start of upgrade(ctx), with `ctx` in scope (for slow or counting fixtures). */
  readonly upPrelude?: string;
}

/**
 * Writes fixture revisions as JavaScript scripts (they run as they are, no build step) into
 * `dir`, one file each, named the Alembic way.
 */
export function writeFixtureScripts(dir: string, revisions: readonly FixtureRevision[]): string {
  mkdirSync(dir, { recursive: true });
  for (const rev of revisions) {
    const text = `export const revision = ${JSON.stringify(rev.id)};
export const down_revision = ${JSON.stringify(rev.down ?? null)};
export const message = ${JSON.stringify(rev.message ?? `fixture ${rev.id}`)};
const UP = ${JSON.stringify(rev.up)};
const DOWN = ${JSON.stringify(rev.downgrade ?? [])};
export async function upgrade(ctx) {
  ${rev.upPrelude ?? ''}
  for (const statement of UP) await ctx.execute(statement);
}
export async function downgrade(ctx) {
  for (const statement of DOWN) await ctx.execute(statement);
}
`;
    writeFileSync(join(dir, `${rev.id}_fixture.js`), text);
  }
  return dir;
}

/**
 * A copy of the product's migration scripts under `root` (`versions/` and their compiled
 * `dist/versions/`), for tests that add revisions of their own; returns the `versions` folder.
 */
export function copyProductScripts(root: string): string {
  const versions = join(root, 'versions');
  const compiled = join(root, 'dist', 'versions');
  mkdirSync(versions, { recursive: true });
  mkdirSync(compiled, { recursive: true });
  const product = join(repoRoot, 'migrations');
  for (const f of readdirSync(join(product, 'versions'))) {
    copyFileSync(join(product, 'versions', f), join(versions, f));
  }
  for (const f of readdirSync(join(product, 'dist', 'versions')).filter((f) => f.endsWith('.js'))) {
    copyFileSync(join(product, 'dist', 'versions', f), join(compiled, f));
  }
  return versions;
}

/**
 * `npm run build` for one script: the TypeScript compiler's own transpiler, same settings; the
 * output goes to `compiledDir` under the script's name. Throws on a syntax error, naming it.
 */
export function compileScript(source: string, compiledDir: string): void {
  const result = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    fileName: source,
    reportDiagnostics: true,
  });
  const problems = (result.diagnostics ?? []).map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
  if (problems.length > 0) throw new Error(`${source} does not compile: ${problems.join('; ')}`);
  writeFileSync(join(compiledDir, basename(source).replace(/\.ts$/, '.js')), result.outputText);
}
