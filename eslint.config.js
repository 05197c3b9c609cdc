import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.output/', '.wxt/', 'test-results/', 'playwright-report/', '.demo-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Data is never rendered as HTML: see ARCHITECTURE.md "Untrusted text".
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render data as text (textContent, Lit or Preact templates), never as HTML.' },
        { property: 'outerHTML', message: 'Render data as text, never as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Render data as text, never as HTML.' },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // The extension's WXT globals (defineBackground, browser, …) are auto-imported.
    files: ['extension/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        defineBackground: 'readonly',
        defineContentScript: 'readonly',
        defineUnlistedScript: 'readonly',
        browser: 'readonly',
        storage: 'readonly',
        createShadowRootUi: 'readonly',
        createIntegratedUi: 'readonly',
        createIframeUi: 'readonly',
      },
    },
  },
);
