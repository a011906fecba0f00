// Lint for every runtime, with the layer rules of docs/architecture.md as errors: the renderer
// never reaches main/Node/Electron, shared stays pure, only the Electron glue imports electron.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns }];
const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'], message: 'No Node built-ins here.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        nodeBuiltins,
        { group: ['electron', 'zeromq', 'react', 'react-dom', 'better-sqlite3', 'pino', 'ws'], message: 'src-shared is pure TypeScript + zod.' },
        { group: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**'], message: 'src-shared imports nothing of the runtimes.' },
      ]),
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        nodeBuiltins,
        { group: ['electron', 'zeromq', 'better-sqlite3', 'pino', 'ws'], message: 'The renderer talks to main only through api/.' },
        { group: ['**/src-main/**', '**/src-preload/**'], message: 'The renderer never imports main or preload code.' },
      ]),
    },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        nodeBuiltins,
        { group: ['zeromq', 'better-sqlite3', 'pino', 'ws', 'zod', 'react'], message: 'The sandboxed preload bundles only the channel list.' },
        { group: ['**/src-main/**', '**/src-renderer/**'], message: 'The preload imports only src-shared.' },
      ]),
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/index.ts', 'src-main/electron/**', 'src-main/hub/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron'], message: 'The core runs in plain Node: only src-main/index.ts and src-main/electron/ import electron.' },
        { group: ['zeromq'], message: 'Only src-main/hub/ talks ZeroMQ.' },
        { group: ['**/src-renderer/**', '**/src-preload/**', 'react', 'react-dom'], message: 'Main never imports renderer code.' },
      ]),
    },
  },
  {
    // The bench's raw floor is plain ZeroMQ by definition: it measures what the hub client adds.
    files: ['src-main/tools/bench/raw-floor.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/hub/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron'], message: 'The hub client runs in plain Node.' },
        { group: ['**/src-renderer/**', '**/src-preload/**', 'react', 'react-dom'], message: 'Main never imports renderer code.' },
      ]),
    },
  },
  {
    files: ['src-main/index.ts', 'src-main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['zeromq'], message: 'Only src-main/hub/ talks ZeroMQ.' },
        { group: ['**/src-renderer/**', '**/src-preload/**', 'react', 'react-dom'], message: 'Main never imports renderer code.' },
      ]),
    },
  },
  {
    files: ['scripts/**/*.{mjs,cjs}', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
