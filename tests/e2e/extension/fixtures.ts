import { test as base } from '@playwright/test';
import type { EducationStatus } from '../../../core/model/index.ts';
import { startDemoServer, type DemoServer } from '../fixtures/demo-server.ts';
import { launchConfigured, type Configured } from './harness.ts';

/** A demo server per worker, and per test a fresh browser with the built extension, configured with the
 * demo social worker's token and the demo API (on localhost; the case-management pages are on 127.0.0.1). */
export const test = base.extend<{ ext: Configured; worker: DemoServer['users'][number] }, { demo: DemoServer }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature: this one needs no other fixture.
    async ({}, use) => {
      const demo = await startDemoServer({ origins: ['chrome-extension://*'] });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  worker: async ({ demo }, use) => {
    await use(demo.users.find((user) => user.role === 'social-worker' && user.children.length > 1)!);
  },
  ext: async ({ demo, worker }, use) => {
    const ext = await launchConfigured({ apiBaseUrl: `${demo.url}/`, authMode: 'token', token: worker.token });
    await use(ext);
    await ext.close();
  },
});
export { expect } from '@playwright/test';

/** What the API says about a child, to check the overlay against. */
export async function statusOf(demo: DemoServer, token: string, personId: string): Promise<EducationStatus> {
  const response = await fetch(`${demo.url}/api/v1/children/${personId}/status`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`status ${personId}: HTTP ${response.status}`);
  return (await response.json()) as EducationStatus;
}
