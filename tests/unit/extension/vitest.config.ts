import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// The extension's unit tests run with WXT's fake browser APIs, from the repository root (where
// wxt.config.ts is).
export default defineProject({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  plugins: [WxtVitest()],
  test: { name: 'extension', dir: fileURLToPath(new URL('../../..', import.meta.url)), include: ['tests/unit/extension/**/*.test.{ts,tsx}'], environment: 'node' },
});
