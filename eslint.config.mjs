// @ts-check
import eslint from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The event-sourcing core is a library the app uses: it imports nothing of the app, and the app
// reaches it only through its public entry points (index.ts; testing/index.ts from specs).
export const importBoundaries = [
  {
    target: './src/event-sourcing',
    from: './src',
    except: ['./event-sourcing'],
    message: 'The event-sourcing core imports nothing outside src/event-sourcing/: pass what it needs as options.',
  },
  {
    target: ['./src/*.ts', './src/!(event-sourcing)/**'],
    from: './src/event-sourcing',
    except: ['./index.ts', './testing/index.ts'],
    message: "Import the event-sourcing core through its entry point: '.../event-sourcing'.",
  },
  {
    target: ['./src/*.ts', './src/!(event-sourcing)/**/!(*.spec).ts'],
    from: './src/event-sourcing/testing',
    message: "The core's testing helpers are for specs only.",
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench-build/**', '.bench-tmp/**', 'jest.config.js', 'eslint.config.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The explorer's browser scripts (plain ES modules served as they are).
    files: ['src/explorer/public/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(['window', 'document', 'location', 'history', 'fetch', 'EventSource', 'URLSearchParams', 'Node', 'setInterval', 'clearInterval'].map((name) => [name, 'readonly'])),
    },
  },
  {
    ignores: ['src/explorer/public/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: importBoundaries }] },
  },
  {
    // Small enough to read in one sitting (shared/STYLE.md): split by responsibility past these.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'max-lines': ['error', { max: 250 }],
      'max-lines-per-function': ['error', { max: 39 }],
    },
  },
);
