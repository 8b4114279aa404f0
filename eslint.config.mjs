// ESLint flat config: typescript-eslint's recommended rules over all sources.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'bench/.work/**', '.e2e-work/**', 'test/e2e/fixtures/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    // Runs partly inside the browser page it drives.
    files: ['test/e2e/drive.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
);
