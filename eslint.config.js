import tseslint from 'typescript-eslint';

const browserFree = {
  paths: [
    { name: 'webextension-polyfill', message: 'lib/ is pure: no browser APIs.' },
    { name: 'preact', message: 'lib/ is pure: no UI.' },
    { name: '#imports', message: 'lib/ is pure: no WXT.' },
  ],
  patterns: [
    { group: ['wxt', 'wxt/*', '@wxt-dev/*'], message: 'lib/ is pure: no WXT.' },
    { group: ['preact/*', '@preact/*'], message: 'lib/ is pure: no UI.' },
    {
      group: ['**/entrypoints/**', '@/entrypoints/*', '**/components/**', '@/components/*'],
      message: 'lib/ must not depend on the extension.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      'data/',
      'e2e/artifacts/',
      'e2e/.tmp/',
      'e2e/fixtures/vendor/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', browserFree],
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: 'lib/ is pure: no browser APIs.' },
        { name: 'chrome', message: 'lib/ is pure: no browser APIs.' },
        { name: 'document', message: 'lib/ is pure: no DOM.' },
        { name: 'window', message: 'lib/ is pure: no DOM.' },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'webextension-polyfill', message: 'Components are presentational.' }],
          patterns: [
            {
              group: ['wxt', 'wxt/*', 'dexie', '**/entrypoints/**'],
              message: 'Components are presentational.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: 'Components are presentational.' },
        { name: 'chrome', message: 'Components are presentational.' },
      ],
    },
  },
);
