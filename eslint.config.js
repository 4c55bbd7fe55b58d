// ESLint flat config: typescript-eslint type-checked rules. Lost promises are the classic
// durable-runtime bug, so the promise rules are errors. eslint-plugin-import-x forbids import
// cycles and enforces the layering of docs/architecture.md (the same table test/architecture.test.ts
// checks, so an editor shows a violation as it is typed).
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layering table: each layer (a folder or file under src/) and the layers it may import.
 * test/architecture.test.ts checks that it matches its own RULES; docs/architecture.md shows it.
 */
export const LAYERS = {
  core: { path: 'core', may: ['core'] },
  // The contract is provider.ts; its record types live beside it in provider-records.ts.
  'provider-contract': {
    path: 'providers/provider.ts',
    also: ['providers/provider-records.ts'],
    may: ['core', 'provider-contract'],
  },
  shared: { path: 'providers/shared', may: ['core', 'provider-contract', 'shared'] },
  sqlite: { path: 'providers/sqlite', may: ['core', 'provider-contract', 'shared', 'sqlite'] },
  postgres: {
    path: 'providers/postgres',
    may: ['core', 'provider-contract', 'shared', 'postgres'],
  },
  validation: { path: 'providers/validation', may: ['core', 'provider-contract', 'validation'] },
  client: { path: 'client', may: ['core', 'provider-contract', 'client'] },
  runtime: { path: 'runtime', may: ['core', 'provider-contract', 'client', 'runtime'] },
  server: { path: 'server', may: ['core', 'client', 'runtime', 'server'] },
  cli: { path: 'cli', may: ['core', 'server', 'client', 'runtime', 'sqlite', 'postgres', 'cli'] },
  testing: {
    path: 'testing',
    may: ['core', 'provider-contract', 'sqlite', 'validation', 'client', 'runtime', 'testing'],
  },
};

/** One zone per layer: from anywhere in src/ (src/index.ts included) except the allowed layers. */
const layerPaths = (layer) => [LAYERS[layer].path, ...(LAYERS[layer].also ?? [])];
const LAYER_ZONES = Object.entries(LAYERS).map(([name, { path, may }]) => ({
  target: layerPaths(name).map((p) => `./src/${p}`),
  from: './src',
  except: may.flatMap((layer) => layerPaths(layer).map((p) => `./${p}`)),
  message: `src/${path} may only import ${may.map((layer) => LAYERS[layer].path).join(', ')} (docs/architecture.md)`,
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.build/**',
      'node_modules/**',
      'ui/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              name: [
                'test',
                'describe',
                'it',
                'suite',
                'before',
                'after',
                'beforeEach',
                'afterEach',
              ],
              package: 'node:test',
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      // Providers implement an async contract with a synchronous driver; async without await is fine.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Parse .ts dependencies too (no-cycle follows them), with the TypeScript parser.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        // Sources import each other as './x.js'; the files on disk are './x.ts'.
        createNodeResolver({
          extensions: ['.ts', '.js', '.json', '.node'],
          extensionAlias: { '.js': ['.ts', '.js'] },
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
    },
  },
  {
    // The pure layers: no Node built-ins (the conformance suite may use node:test and node:assert).
    files: [
      'src/core/**/*.ts',
      'src/providers/provider.ts',
      'src/providers/shared/**/*.ts',
      'src/client/**/*.ts',
    ],
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  {
    files: ['src/providers/validation/**/*.ts'],
    rules: {
      'import-x/no-nodejs-modules': [
        'error',
        { allow: ['node:test', 'node:assert', 'node:assert/strict'] },
      ],
    },
  },
  {
    // The dashboard (docs/dashboard.md) is a browser client of the HTTP API: from the package it
    // may import only the API's types, type-only, so no server code reaches the bundle.
    files: ['dashboard/**/*.ts', 'dashboard/**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/src/**',
                '!**/src/server/api-types.js',
                '!**/src/server/queue-view.js',
                '!**/src/server/routes/poisoned.js',
              ],
              message: 'the dashboard talks to the server over HTTP only (docs/architecture.md)',
            },
            {
              group: [
                '**/src/server/api-types.js',
                '**/src/server/queue-view.js',
                '**/src/server/routes/poisoned.js',
              ],
              allowTypeImports: true,
              message:
                'import the API types with `import type` (docs/decisions/0008-dashboard-stack.md)',
            },
          ],
        },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests assert on loosely typed JSON payloads.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);
