import { defineConfig } from '@playwright/test';

// Browser tests in Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium), and the extension's
// Firefox build in Debian's firefox-esr (FIREFOX_PATH overrides /usr/bin/firefox-esr), which the
// extension-firefox specs drive themselves with puppeteer-core over WebDriver BiDi. `npm run test:e2e`
// builds first: the tests load what is in dist/ and .output/.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'demo', testMatch: 'demo/**/*.spec.ts' },
    { name: 'widgets', testMatch: 'widgets/**/*.spec.ts' },
    { name: 'extension', testMatch: 'extension/**/*.spec.ts' },
    { name: 'extension-firefox', testMatch: 'extension-firefox/**/*.spec.ts' },
  ],
});
