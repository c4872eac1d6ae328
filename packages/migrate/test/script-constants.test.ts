import { describe, expect, it } from 'vitest';
import { readScriptConstants } from '../src/script-constants.js';

describe('readScriptConstants', () => {
  it('decodes strings in all three quotes, with their escapes', () => {
    const constants = readScriptConstants(
      [
        `export const a = 'it\\'s\\n\\ttabbed \\\\ \\x41\\u0042\\u{1F680}';`,
        `export const b = "say \\"hi\\"";`,
        'export const c = `back\\`tick ${"$"}`;',
        'export const d = `multi\r\nline`;',
        "export const e = 'continued \\\nline';",
      ].join('\n'),
    );
    expect(constants.get('a')).toBe("it's\n\ttabbed \\ AB🚀");
    expect(constants.get('b')).toBe('say "hi"');
    // A template with a substitution is not a literal.
    expect(constants.has('c')).toBe(true);
    expect(constants.get('c')).toBeUndefined();
    expect(constants.get('d')).toBe('multi\nline');
    expect(constants.get('e')).toBe('continued line');
  });

  it('reads null, lists, joined strings, type annotations and `as const`', () => {
    const constants = readScriptConstants(`
      export const revision: string = 'abc';
      export const down_revision: readonly string[] | null = ['x', "y",] as const;
      export const root = null
      export const message =
        'a long message ' +
        "in two parts"
      export const create_date = (('2026-01-01'));
    `);
    expect(constants.get('revision')).toBe('abc');
    expect(constants.get('down_revision')).toEqual(['x', 'y']);
    expect(constants.get('root')).toBeNull();
    expect(constants.get('message')).toBe('a long message in two parts');
    expect(constants.get('create_date')).toBe('2026-01-01');
  });

  it('is not fooled by declarations inside comments, strings, templates, regexes or functions', () => {
    const constants = readScriptConstants(`
      /**
       * export const message = 'from the comment';
       */
      // export const message = 'from a line comment';
      const pattern = /['"\`]export const message = 'regex'/g;
      const text = 'export const message = "from a string"';
      const tpl = \`\${ { a: '}' }.a } export const message = 'template' \${'\`'}\`;
      function f() {
        export const message = 'nested';
      }
      export const message = 'the real one';
    `);
    expect(constants.get('message')).toBe('the real one');
  });

  it('maps a constant whose value is not a literal to undefined', () => {
    const constants = readScriptConstants(`
      const PARENT = 'abc';
      export const down_revision = PARENT;
      export const message = 'a' + PARENT;
    `);
    expect(constants.has('down_revision')).toBe(true);
    expect(constants.get('down_revision')).toBeUndefined();
    expect(constants.get('message')).toBeUndefined();
  });
});
