// ESLint (flat config). Beyond the usual checks it holds the process boundary:
// only the Electron shell and the preload may touch `electron`, only the preload
// ipcRenderer, and the renderer may take from main/core only the contract and
// plain model modules — never the service, the store, importers or exporters.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const CORE_ONLY_MODELS = [
  {
    regex:
      '(main/core|@core)/(?!(contract|channels|bridge|annotations/types|annotations/tags|annotations/batch-undo|document/types|search/types|search/fold|search/query|util/first-index|reader-settings|settings-fields|shortcuts|notebook/passage-filter)$)',
    message:
      'The renderer takes from main/core only the contract and plain model modules; ask main through window.gloss.',
  },
  {
    regex: 'main/(app|preload|cli)(/|$)',
    message: 'The renderer never imports the shell, the preload or the CLI.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'tests/fixtures/**',
      'tmp-measure/**',
      'bench/.out/**', // the cold-start scenario's bundle
      'bench/.out-*/**', // bundles kept side by side by bench/profile-cold-start.ts
      '**/*.tmp.ts',
      'main/core/worker-boot.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off', // parsers match control characters on purpose
    },
  },
  {
    files: ['main/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts', 'bin/**/*.js', '*.config.*'],
    ignores: ['main/app/**', 'main/preload/**', 'tests/electron/**', 'tests/built/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Only main/app (the shell) and main/preload import electron: keep this code plain Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcRenderer', 'contextBridge'],
              message: 'Only the preload touches ipcRenderer and contextBridge.',
            },
          ],
        },
      ],
    },
  },
  {
    // The command line starts without zod (tests/unit/cli/lazy-loading.test.ts): from the contract, types only.
    files: ['main/cli.ts', 'main/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/contract'],
              allowTypeImports: true,
              message:
                'The contract loads zod: take plain values from their own modules (annotations/colors, export/formats).',
            },
          ],
        },
      ],
    },
  },
  {
    // A stand-in for Electron's own (largely untyped) surfaces, for tests only.
    files: ['tests/built/electron-double/**', 'tests/built/start-shell.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The one classic script the page runs before the app (the first screen's picture).
    files: ['renderer/first-screen.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The two classic rules. react-hooks 7's React Compiler rules (no refs read in render, no setState in
      // effects) flag the latest-ref and reset-on-prop patterns this code uses on purpose; not adopted yet.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer has no electron: use window.gloss.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' },
            ...CORE_ONLY_MODELS,
          ],
        },
      ],
    },
  },
);
