import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/out/**',
      'dist/**',
      '.vscode-test/**',
      '.code-server/**',
      'test-output/**',
      'bin/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The analysis core is shared by the CLI, the server and the tests, so it must not
    // depend on the editor or on the protocol.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'vscode',
                'vscode-languageserver*',
                'vscode-languageclient*',
                'vscode-jsonrpc*',
              ],
              message: 'The analysis core stays free of editor and LSP types.',
            },
            {
              group: ['**/lsp/**', '**/cli/**'],
              message: 'The analysis core does not import its callers.',
            },
          ],
        },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
);
