import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The import rules of ARCHITECTURE.md (`.dependency-cruiser.cjs`, run by `npm run lint:deps`),
 * shown to fail on each kind of forbidden import and to pass the allowed ones. They run on a small
 * workspace built in a temporary folder, shaped like ours in its target layout (packages/schema,
 * packages/api, apps/web, the `@meshview/db/connection` and `@meshview/mesh/facts` subpaths), so
 * the real tree is never touched and the rules are checked before those folders exist.
 */

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const depcruise = join(
  repoRoot,
  'node_modules',
  'dependency-cruiser',
  'bin',
  'dependency-cruise.mjs',
);

/** A fixture package: its `exports` subpaths, each built to `dist/<subpath>/index.d.ts`. */
interface FixturePackage {
  readonly folder: string;
  readonly name: string;
  readonly subpaths: readonly string[];
}

const PACKAGES: readonly FixturePackage[] = [
  { folder: 'packages/db', name: '@meshview/db', subpaths: ['connection'] },
  { folder: 'packages/schema', name: '@meshview/schema', subpaths: [] },
  { folder: 'packages/mesh', name: '@meshview/mesh', subpaths: ['facts'] },
  { folder: 'packages/migrate', name: '@meshview/migrate', subpaths: [] },
  { folder: 'packages/api', name: '@meshview/api', subpaths: [] },
  { folder: 'apps/writer', name: '@meshview/writer', subpaths: [] },
  { folder: 'apps/reader', name: '@meshview/reader', subpaths: [] },
  { folder: 'apps/web', name: '@meshview/web', subpaths: [] },
  { folder: 'apps/migrate', name: '@meshview/migrate-cli', subpaths: [] },
  { folder: 'migrations', name: '@meshview/migrations', subpaths: [] },
];

/** Files that follow the rules: none of them may be reported. */
const ALLOWED: Readonly<Record<string, string>> = {
  'packages/migrate/src/allowed.ts':
    "import type { Table } from '@meshview/schema';\nimport { connect } from '@meshview/db/connection';\n",
  'packages/mesh/src/protobufs.ts':
    '/// <reference path="./own-declarations.d.ts" />\nexport {};\n',
  'packages/mesh/src/own-declarations.d.ts': 'export {};\n',
  'packages/db/src/tables/node.table.ts': 'export {};\n',
  'apps/web/src/allowed.ts':
    "import type { NodeJson } from '@meshview/api';\nimport { portName } from '@meshview/mesh/facts';\n",
  'apps/writer/src/allowed.ts':
    "import '@meshview/db';\nimport '@meshview/mesh';\nimport '@meshview/migrate';\nimport '@meshview/migrations';\n",
  'apps/migrate/src/allowed.ts': "import '@meshview/db';\nimport '@meshview/migrate';\n",
  'apps/writer/test/allowed.test.ts':
    "import '../src/main.js';\nimport '../../../test/support/helper.js';\n" +
    "import '../../../packages/mesh/test/support/envelopes.js';\nimport '@meshview/db';\n",
  'packages/mesh/test/support/envelopes.ts': 'export {};\n',
  'test/support/helper.ts': "import '../../apps/writer/src/main.js';\nimport '@meshview/db';\n",
  'bench/allowed.bench.ts':
    "import '../apps/writer/src/main.js';\nimport '../migrations/versions/a1b2c3d4e5f6_first.js';\n",
  'migrations/versions/a1b2c3d4e5f6_first.ts': "import '@meshview/migrate';\n",
};

/** One file per kind of forbidden import, and the rule that must report it. */
const FORBIDDEN: readonly {
  readonly file: string;
  readonly source: string;
  readonly rule: string;
}[] = [
  {
    rule: 'packages-not-to-apps',
    file: 'packages/db/src/to-app.ts',
    source: "import '@meshview/writer';\n",
  },
  {
    rule: 'mesh-not-to-migrate',
    file: 'packages/mesh/src/to-migrate.ts',
    source: "import '@meshview/migrate';\n",
  },
  {
    rule: 'migrate-not-to-mesh',
    file: 'packages/migrate/src/to-mesh.ts',
    source: "import '@meshview/mesh';\n",
  },
  {
    rule: 'migrate-only-schema-and-db-connection',
    file: 'packages/migrate/src/to-db-entry.ts',
    source: "import '@meshview/db';\n",
  },
  {
    rule: 'migrate-only-schema-and-db-connection',
    file: 'packages/migrate/src/to-db-tables.ts',
    source: "import '../../db/src/tables/node.table.js';\n",
  },
  {
    rule: 'web-api-types-only',
    file: 'apps/web/src/api-value.ts',
    source: "import { nodeSchema } from '@meshview/api';\nexport const schema = nodeSchema;\n",
  },
  {
    rule: 'web-only-api-and-mesh-facts',
    file: 'apps/web/src/mesh-entry.ts',
    source: "import { interpretEnvelope } from '@meshview/mesh';\n",
  },
  {
    rule: 'web-only-api-and-mesh-facts',
    file: 'apps/web/src/server-types.ts',
    source: "import type { Database } from '@meshview/db';\n",
  },
  {
    rule: 'web-no-node-builtins',
    file: 'apps/web/src/node-builtin.ts',
    source: "import { readFileSync } from 'node:fs';\n",
  },
  {
    rule: 'no-reaching-into-another-src',
    file: 'apps/reader/src/relative-src.ts',
    source: "import '../../../packages/db/src/tables/node.table.js';\n",
  },
  {
    rule: 'no-reaching-into-another-src',
    file: 'apps/reader/test/other-app-src.test.ts',
    source: "import '../../writer/src/main.js';\n",
  },
  {
    rule: 'no-reaching-into-another-workspace',
    file: 'apps/reader/src/relative-dist.ts',
    source: "import '../../../packages/db/dist/index.js';\n",
  },
  {
    rule: 'no-deep-workspace-import',
    file: 'apps/reader/src/deep-name.ts',
    source: "import '@meshview/db/src/tables/node.table.js';\n",
  },
  {
    rule: 'no-triple-slash-reference-into-another-workspace',
    file: 'apps/reader/src/triple-slash.ts',
    source:
      '/// <reference path="../../../packages/mesh/src/own-declarations.d.ts" />\nexport {};\n',
  },
  {
    rule: 'no-triple-slash-reference-outside',
    file: 'bench/triple-slash.ts',
    source: '/// <reference path="../packages/mesh/src/own-declarations.d.ts" />\nexport {};\n',
  },
  {
    rule: 'tests-and-bench-not-into-package-src',
    file: 'test/support/package-src.ts',
    source: "import '../../packages/db/src/tables/node.table.js';\n",
  },
  {
    rule: 'tests-and-bench-not-into-package-src',
    file: 'bench/package-src.ts',
    source: "import '../packages/mesh/src/protobufs.js';\n",
  },
  {
    rule: 'production-not-to-tests',
    file: 'packages/db/src/to-test-support.ts',
    source: "import '../../../test/support/helper.js';\n",
  },
  {
    rule: 'not-to-unresolvable',
    file: 'apps/reader/src/not-exported.ts',
    source: "import '@meshview/db/internal';\n",
  },
];

/** One violation in dependency-cruiser's JSON output. */
interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

const write = (root: string, file: string, text: string): void => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
};

/** Lays out the fixture workspace: packages with `exports`, their built entries, node_modules links. */
function layOutWorkspace(root: string): void {
  write(
    root,
    'package.json',
    JSON.stringify({
      name: 'fixture',
      private: true,
      type: 'module',
      workspaces: ['packages/*', 'apps/*', 'migrations'],
    }),
  );
  // The checker reads the tests' tsconfig for its paths (`#test/*`), which extends the base.
  for (const file of ['tsconfig.base.json', 'tsconfig.test.json']) {
    copyFileSync(join(repoRoot, file), join(root, file));
  }
  for (const { folder, name, subpaths } of PACKAGES) {
    const exports: Record<string, { types: string; default: string }> = {};
    for (const subpath of ['.', ...subpaths.map((s) => `./${s}`)]) {
      const built = subpath === '.' ? './dist/index' : `./dist/${subpath.slice(2)}/index`;
      exports[subpath] = { types: `${built}.d.ts`, default: `${built}.js` };
      write(root, join(folder, `${built}.d.ts`), 'export {};\n');
      write(root, join(folder, `${built}.js`), 'export {};\n');
      write(
        root,
        join(folder, subpath === '.' ? 'src/index.ts' : `src/${subpath.slice(2)}/index.ts`),
        'export {};\n',
      );
    }
    write(
      root,
      join(folder, 'package.json'),
      JSON.stringify({ name, private: true, type: 'module', exports }),
    );
    write(root, join(folder, 'src/main.ts'), 'export {};\n');
    const link = join(root, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join('..', '..', folder), link);
  }
}

describe('the architecture rules (.dependency-cruiser.cjs)', () => {
  let root = '';
  let violations: readonly Violation[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'meshview-architecture-'));
    layOutWorkspace(root);
    for (const [file, text] of Object.entries(ALLOWED)) write(root, file, text);
    for (const { file, source } of FORBIDDEN) write(root, file, source);
    // dependency-cruiser exits non-zero when it finds violations; the JSON report is on stdout.
    const run = promisify(execFile)(
      process.execPath,
      [
        depcruise,
        '--config',
        join(repoRoot, '.dependency-cruiser.cjs'),
        '--output-type',
        'json',
        'packages',
        'apps',
        'migrations',
        'bench',
        'test',
      ],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
    const { stdout } = await run.catch((error: { stdout?: string }) => ({
      stdout: error.stdout ?? '',
    }));
    const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
    violations = report.summary.violations;
  }, 60_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it.each(FORBIDDEN.map((kind) => [kind.rule, kind.file, kind] as const))(
    'reports %s for %s',
    (_rule, _file, { file, rule }) => {
      expect(violations.filter((v) => v.from === file).map((v) => v.rule.name)).toContain(rule);
    },
  );

  it('reports nothing in the files that follow the rules', () => {
    const forbidden = new Set(FORBIDDEN.map(({ file }) => file));
    expect(violations.filter((v) => !forbidden.has(v.from))).toEqual([]);
  });
});
