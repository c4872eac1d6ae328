import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fixture revision whose bodies are JavaScript with `ctx` and `op` (= ctx.op) in scope. */
export interface OpScript {
  readonly id: string;
  readonly down?: string | null;
  readonly up: string;
  readonly downgrade?: string;
  /** Declares `sqlite_foreign_keys = 'off'`. */
  readonly foreignKeysOff?: boolean;
}

/** Writes fixture revisions that call the operations API, as runnable JavaScript scripts. */
export function writeOpScripts(dir: string, scripts: readonly OpScript[]): string {
  mkdirSync(dir, { recursive: true });
  for (const s of scripts) {
    writeFileSync(
      join(dir, `${s.id}_ops.js`),
      `export const revision = ${JSON.stringify(s.id)};
export const down_revision = ${JSON.stringify(s.down ?? null)};
export const message = 'operations fixture ${s.id}';
${s.foreignKeysOff ? "export const sqlite_foreign_keys = 'off';" : ''}
export async function upgrade(ctx) {
  const op = ctx.op;
  ${s.up}
}
export async function downgrade(ctx) {
  const op = ctx.op;
  ${s.downgrade ?? ''}
}
`,
    );
  }
  return dir;
}

/** A MigrationLogger that keeps every line, for tests that assert on what was logged. */
export function collectingLogger(): {
  readonly lines: { level: string; fields: Record<string, unknown>; message: string }[];
  readonly info: (fields: Record<string, unknown>, message: string) => void;
  readonly warn: (fields: Record<string, unknown>, message: string) => void;
  readonly error: (fields: Record<string, unknown>, message: string) => void;
  readonly debug: (fields: Record<string, unknown>, message: string) => void;
} {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}
