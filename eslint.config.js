// ESLint for the whole repository: `npm run lint` (with the architecture's import rules, `npm run
// lint:deps`). TypeScript is linted with typescript-eslint's type-checked rules, so the packages
// are built first (`npm run build`; CI builds in `npm ci`): a package sees the others through
// their built declarations, as the compiler does.
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      '**/dist/',
      '**/node_modules/',
      '**/coverage/',
      'test-results/',
      'bench/results/',
      'test/.tmp/',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: globals.node },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Every TypeScript file belongs to one of these programs: each workspace's own (its
        // sources, as `tsc -b` builds them) and tsconfig.test.json's (tests, test support,
        // benchmarks, the Vitest configs). The workspaces come first, so a source file is
        // linted in its own program rather than in the tests' that import it.
        project: [
          './packages/*/tsconfig.json',
          './apps/*/tsconfig.json',
          './apps/web/tsconfig.node.json',
          './migrations/tsconfig.json',
          './tsconfig.test.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // The repository's convention for a deliberately unused name: a leading underscore (a
      // parameter a signature needs, a property left out of a rest copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Plain JavaScript (the bins, scripts/, and this and other tool configs) is in no TypeScript
    // program, so the rules that need type information are off for it (typescript-eslint's
    // disableTypeChecked); every other rule applies.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The pages run in the browser.
    files: ['apps/web/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // The migration CLI's bin is CommonJS (apps/migrate/bin/package.json; the bin says why).
    files: ['apps/migrate/bin/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // An inline `eslint-disable` names its rule and says why after `--`.
  comments.recommended,
  {
    rules: {
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
    },
  },
);
