import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { layers } from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Imports point down the layer order stated once in eslint/layers.js (and tested beside it).
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/imports-point-down': 'error' },
  },
  {
    // The engine, data, training and analysis run in Node and in a worker: keep the DOM and the
    // page's libraries out of them.
    files: ['src/{engine,data,training,analysis}/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'postMessage', 'navigator'],
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-dom', 'zustand', 'zustand/*'] },
      ],
    },
  },
  {
    // vitest's toMatchObject takes a regular expression in an expected object as an object with
    // no keys, which every value matches: { message: /x/ } passes for any message. Use
    // expect.stringMatching(/x/), which does test the string.
    files: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(toMatchObject|toEqual|toStrictEqual|objectContaining)$/] Property > Literal[regex]',
          message:
            'A regular expression inside an expected object matches anything here; use expect.stringMatching(/…/).',
        },
      ],
    },
  },
);
