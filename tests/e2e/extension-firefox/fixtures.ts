import { readFile } from 'node:fs/promises';
import { test as base } from '@playwright/test';
import type { EducationStatus } from '../../../core/model/index.ts';
import { startDemoServer, type DemoServer } from '../fixtures/demo-server.ts';
import { launchFirefox, type FirefoxWithExtension } from './firefox.ts';
import { control, type Control } from './harness.ts';

/**
 * One demo server and one Firefox with the built extension per worker (a launch costs seconds), the
 * extension configured with the demo social worker's token and the demo API (on localhost; the
 * case-management pages are on 127.0.0.1). Before each test the settings are put back, the panel is
 * closed and every tab the last test opened is closed, so a test may change settings and tokens freely.
 */
export interface FirefoxUnderTest extends FirefoxWithExtension {
  /** The options page, kept open: it talks to the background as the extension's own pages do. */
  control: Control;
  /** The settings every test starts with. */
  settings: Record<string, unknown>;
}

type DemoUser = DemoServer['users'][number];

export const test = base.extend<{ ff: FirefoxUnderTest; worker: DemoUser }, { demo: DemoServer; firefox: FirefoxUnderTest }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature: this one needs no other fixture.
    async ({}, use) => {
      const demo = await startDemoServer({ origins: ['moz-extension://*'] });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  firefox: [
    async ({ demo }, use) => {
      const firefox = await launchFirefox();
      try {
        const options = await firefox.openExtensionPage('options.html');
        const worker = socialWorker(demo);
        const settings = { apiBaseUrl: `${demo.url}/`, authMode: 'token', token: worker.token };
        await use({ ...firefox, control: control(firefox, options), settings });
      } finally {
        await firefox.close();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  worker: async ({ demo }, use) => {
    await use(socialWorker(demo));
  },
  ff: async ({ firefox }, use) => {
    for (const page of await firefox.browser.pages()) if (page !== firefox.control.page) await page.close();
    await firefox.gotoExtensionPage(firefox.control.page, 'options.html');
    await firefox.control.ask({ type: 'settings:set', patch: firefox.settings });
    // The panel is remembered open or closed across pages: every test starts with it closed.
    await firefox.control.inExtension(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('edubridge');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').delete('overlayOpen');
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      [],
    );
    await use(firefox);
  },
});
export { expect } from '@playwright/test';

function socialWorker(demo: DemoServer): DemoUser {
  return demo.users.find((user) => user.role === 'social-worker' && user.children.length > 1)!;
}

/** The demo server's audit log: one entry per child disclosed (and one with no child for each cohort
 * summary or GET /me), to show what was fetched. */
export async function serverAudit(demo: DemoServer): Promise<{ user: string; endpoint: string; child: string | null; purpose?: string }[]> {
  const text = await readFile(demo.auditFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { user: string; endpoint: string; child: string | null; purpose?: string });
}

/** One line of the demo server's audit log. */
export interface AuditLine {
  time: string;
  user: string;
  endpoint: string;
  child: string | null;
  purpose?: string;
  pageOrigin?: string;
}

/** The audit lines for `user` from `since` (an ISO time) on: what the server disclosed to them since. */
export async function auditSince(demo: DemoServer, since: string, user: string): Promise<AuditLine[]> {
  const text = await readFile(demo.auditFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditLine)
    .filter((line) => line.time >= since && line.user === user);
}

/** What the API says about a child, to check the overlay against. */
export async function statusOf(demo: DemoServer, token: string, personId: string): Promise<EducationStatus> {
  const response = await fetch(`${demo.url}/api/v1/children/${personId}/status`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`status ${personId}: HTTP ${response.status}`);
  return (await response.json()) as EducationStatus;
}
