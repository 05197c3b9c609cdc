import { defineConfig } from 'vitest/config';

// Unit and property tests run in Node. Browser tests run under Playwright (tests/e2e).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], exclude: ['tests/unit/extension/**'], environment: 'node' },
      },
      './tests/unit/extension/vitest.config.ts',
    ],
  },
});
