import { readFile, writeFile } from 'node:fs/promises';

/**
 * Formats a generated script with the project's Prettier settings when Prettier is installed (a
 * development dependency), so that it passes `prettier --check`; leaves it as written otherwise.
 */
export async function formatScript(file: string): Promise<void> {
  const name = 'prettier';
  let prettier: any;
  try {
    prettier = await import(name);
  } catch {
    return;
  }
  const options = (await prettier.resolveConfig(file)) ?? {};
  const text = await readFile(file, 'utf8');
  await writeFile(file, await prettier.format(text, { ...options, filepath: file }));
}
