import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { renderRevisionScript } from '../src/revision-template.js';
import { findDestructiveMarkers } from '../src/schema/destructive-marker.js';
import { readScriptConstants } from '../src/script-constants.js';
import { seededRandom } from '@meshview/sim';
import { makeTempDir, repoRoot } from '#test/tmp.js';

/** Messages that broke, or could break, a script written by plain string concatenation. */
const TRICKY: readonly string[] = [
  'first line\nsecond line',
  'CR LF\r\nand a lone CR\rand a trailing newline\n',
  `it's "quoted" and \`back-ticked\``,
  'a template ${substitution} and ${ an open one',
  'back\\slash, a trailing one \\',
  "\\n is not a newline, \\u0041 is not A, \\' is not a quote",
  'ends a JSDoc comment */ and opens /* another, // and a line comment',
  'unicode: é, 日本語, 🚀, a combining e\u0301',
  'separators\u2028line\u2029paragraph',
  'controls: \u0000 nul, \u001b[31m escape, \u0007 bell, \u007f del, \ttab',
  'bidi \u202e reversed \u202c and a BOM \ufeff',
  'a lone surrogate \ud800 and another \udfff',
  "export const message = 'not this one';",
  "'; process.exit(1); const x = '",
  'a generated marker @destructive: must not make the script unrunnable',
  '  leading and trailing spaces  ',
  '@deprecated at the start of a line',
];

const ALPHABET = [...'ab \'"`$\\{}*/\n\r\t@#', '\u2028', '\u0000', 'é', '🚀', '\ud800', '${', '*/'];

/** Deterministic random messages over the characters that need care. */
function randomMessages(seed: number, count: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 1 + Math.floor(random() * 30) },
      () => ALPHABET[Math.floor(random() * ALPHABET.length)],
    ).join(''),
  );
}

function render(message: string): string {
  return renderRevisionScript({
    revision: 'abc123def456',
    downRevision: '23dad03d2e42',
    message,
    createDate: '2026-01-01T00:00:00.000Z',
  });
}

/** What the compiled script's `message` is at run time: transpiled as `npm run build` does, run. */
function runtimeMessage(source: string): unknown {
  const { outputText, diagnostics } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    reportDiagnostics: true,
  });
  if (diagnostics?.length) {
    throw new Error(
      diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; '),
    );
  }
  const exports: Record<string, unknown> = {};
  runInNewContext(outputText, { exports, require: () => ({}) });
  return exports.message;
}

describe('renderRevisionScript', () => {
  it.each(TRICKY.map((m) => [JSON.stringify(m), m]))(
    'writes a script whose message is exactly the text, at run time and read from the source: %s',
    (_, message) => {
      const source = render(message);
      expect(runtimeMessage(source)).toBe(message);
      expect(readScriptConstants(source).get('message')).toBe(message);
      expect(readScriptConstants(source).get('revision')).toBe('abc123def456');
      expect(readScriptConstants(source).get('down_revision')).toBe('23dad03d2e42');
      expect(findDestructiveMarkers(source)).toEqual([]);
    },
  );

  it('round-trips 300 random messages over quotes, backslashes, line breaks and comment ends', () => {
    for (const message of randomMessages(20261206, 300)) {
      const source = render(message);
      expect({ message, value: runtimeMessage(source) }).toEqual({ message, value: message });
      expect({ message, value: readScriptConstants(source).get('message') }).toEqual({
        message,
        value: message,
      });
    }
  });

  it('keeps the header comment one comment, a line of it for each line of the message', () => {
    const source = render('one */ two\nthree');
    const header = source.slice(0, source.indexOf('*/\n') + 2);
    expect(header).toBe(
      [
        '/**',
        ' * one *\\/ two',
        ' * three',
        ' *',
        ' * Revision ID: abc123def456',
        ' * Revises: 23dad03d2e42',
        ' * Create Date: 2026-01-01T00:00:00.000Z',
        ' */',
      ].join('\n'),
    );
  });

  it('writes scripts that type-check with the repository settings (as `npm run build` does)', () => {
    const dir = makeTempDir('revision-template');
    const files = TRICKY.map((message, i) => {
      const file = join(dir, `script_${i}.ts`);
      writeFileSync(file, render(message));
      return file;
    });
    const base = ts.getParsedCommandLineOfConfigFile(
      join(repoRoot, 'tsconfig.base.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const program = ts.createProgram(files, {
      ...base.options,
      composite: false,
      declaration: false,
      declarationMap: false,
      noEmit: true,
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });
});
