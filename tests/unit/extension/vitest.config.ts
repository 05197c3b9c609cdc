import { defineProject } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// The extension's unit tests run with WXT's fake browser APIs.
export default defineProject({
  plugins: [WxtVitest()],
  test: { name: 'extension', include: ['tests/unit/extension/**/*.test.{ts,tsx}'], environment: 'node' },
});
