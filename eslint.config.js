import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'worker_threads',
];

/** Import boundaries per folder (see ARCHITECTURE.md): the rules, not memory, keep the layers apart. */
function restrict(groups, message) {
  return { 'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }] };
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: restrict(
      [
        'electron',
        ...nodeBuiltins,
        'react',
        'react-dom',
        'react/*',
        'dexie',
        'dexie-react-hooks',
        'zustand',
        'zustand/*',
        '**/renderer/**',
        '**/main/**',
        '**/server/**',
        '**/preload/**',
      ],
      'src/core is pure: no electron, Node built-ins, React, Dexie, zustand or other layers.',
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        ['electron', ...nodeBuiltins, '**/main/**', '**/server/**', '**/preload/**'],
        'The renderer never imports electron, Node built-ins, main, preload or server.',
      ),
    },
  },
  {
    files: ['src/main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict(
      ['**/renderer/**', 'react', 'react-dom', 'dexie', 'zustand', '**/server/**'],
      'Main never imports the renderer or the server.',
    ),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(
      ['**/renderer/**', '**/main/**', '**/server/**', 'zod', 'react'],
      'The preload is one small bundle: electron and core channel names only.',
    ),
  },
  {
    files: ['src/server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict(
      ['electron', '**/renderer/**', '**/main/**', '**/preload/**'],
      'The server imports core and its own dependencies only.',
    ),
  },
  {
    files: ['**/*.{js,mjs,cjs}', '*.config.ts', 'scripts/**', 'bench/**', 'build/**', 'tests/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
