import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as facts from '../src/facts.js';
import * as mesh from '../src/index.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** The module specifiers a source file imports or re-exports, type-only ones included. */
function specifiers(code: string): string[] {
  const found = code.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(?\s*'([^']+)'/g);
  return [...found].map((m) => (m[1] ?? m[2])!);
}

/** A file's code without its comments (which may name anything). */
const withoutComments = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** Every source file the entry pulls in, and the packages they import. */
function graph(entry: string): { files: Map<string, string>; packages: Set<string> } {
  const files = new Map<string, string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    const code = withoutComments(readFileSync(file, 'utf8'));
    files.set(file, code);
    for (const spec of specifiers(code)) {
      if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  };
  visit(join(SRC, entry));
  return { files, packages };
}

describe('@meshview/mesh/facts', () => {
  const { files, packages } = graph('facts.ts');

  it('pulls in no Node built-in module', () => {
    expect(
      [...files.keys()].map((f) => relative(SRC, f)).sort(),
      'the walk reached the files',
    ).toEqual(
      [
        'broadcast-node.ts',
        'enum-names.ts',
        'facts.ts',
        'enum-tables.ts',
        'node-id.ts',
        'port-num.ts',
        'position-precision.ts',
      ].sort(),
    );
    const builtins = [...packages].filter(
      (p) => p.startsWith('node:') || builtinModules.includes(p.split('/')[0]!),
    );
    expect(builtins).toEqual([]);
  });

  it('pulls in no library (the protobuf runtime would weigh down every page, issue 13)', () => {
    expect([...packages]).toEqual([]);
  });

  it("uses none of Node's globals (Buffer, process, require)", () => {
    for (const [file, code] of files) {
      expect(code, relative(SRC, file)).not.toMatch(/\b(?:Buffer|process|require|__dirname)\b/);
    }
  });

  it('exports the same facts as the main entry', () => {
    for (const [name, value] of Object.entries(facts)) {
      expect(mesh[name as keyof typeof mesh], name).toBe(value);
    }
    expect(facts.BROADCAST_NODE).toBe(0xffffffff);
    expect(facts.portName(facts.PortNum.NEIGHBORINFO_APP)).toBe('NEIGHBORINFO_APP');
  });
});
