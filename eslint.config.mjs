// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

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
);
