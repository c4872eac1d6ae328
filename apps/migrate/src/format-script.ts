import { readFile, writeFile } from 'node:fs/promises';

/**
 * Formats a generated script with the project's Prettier settings when Prettier is installed (a
 * development dependency), so that it passes `prettier --check`; leaves it as written otherwise.
 */
export async function formatScript(file: string): Promise<void> {
  const name = 'prettier';
  let prettier: Prettier;
  try {
    prettier = (await import(name)) as Prettier;
  } catch {
    return;
  }
  const options = (await prettier.resolveConfig(file)) ?? {};
  const text = await readFile(file, 'utf8');
  await writeFile(file, await prettier.format(text, { ...options, filepath: file }));
}

/** The part of Prettier's API used here (imported by name: it is not a dependency of the CLI). */
interface Prettier {
  resolveConfig(file: string): Promise<Record<string, unknown> | null>;
  format(text: string, options: Record<string, unknown>): Promise<string>;
}
