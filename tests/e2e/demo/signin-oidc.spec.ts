import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRecords } from '../../../core/generate/generate.ts';
import { writeTemplateCsv } from '../../../core/node/generate/write.ts';
import { startServer, type RunningServer } from '../../../core/node/server/serve.ts';
import { registerDemo } from '../../../demo/server/demo.ts';
import { makeDemoUsers } from '../../../demo/server/demo-users.ts';
import { freePort, settingsFor, startTestProvider, type TestProvider } from '../../unit/api/oidc-provider.ts';

/**
 * The sign-in page of a server with the council's identity provider (a real OpenID provider started
 * here): it offers the council account beside the token form, passes an accessibility check, and a person
 * signs in from it with the keyboard alone, arriving at the page they asked for.
 */
let provider: TestProvider;
let server: RunningServer;

test.describe.configure({ mode: 'default', timeout: 60_000 });

test.beforeAll(async () => {
  const port = await freePort();
  provider = await startTestProvider({ redirectUri: `http://localhost:${port}/signin/callback` });
  const scratch = mkdtempSync(join(tmpdir(), 'edubridge-signin-oidc-'));
  const asOf = '2026-03-10';
  await writeTemplateCsv(join(scratch, 'data'), generateRecords({ children: 6, seed: 5, asOf }));
  const oidcFile = join(scratch, 'oidc.json');
  writeFileSync(oidcFile, JSON.stringify({ ...settingsFor(provider), redirectUri: `http://localhost:${port}/signin/callback` }));
  server = await startServer({
    dir: join(scratch, 'data'),
    port,
    oidcFile,
    auditFile: join(scratch, 'audit.jsonl'),
    asOf,
    refreshSeconds: 0,
    log: () => undefined,
    demo: { register: registerDemo, makeUsers: makeDemoUsers, announce: () => [] },
  });
});

test.afterAll(async () => {
  await server?.close();
  await provider?.close();
});

test('the sign-in page offers the council account and the token form, and passes an accessibility check (axe, WCAG 2.2 AA)', async ({ page }) => {
  await page.goto(`${server.url}/signin?next=/`);
  await expect(page.getByRole('link', { name: 'Sign in with your council account' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Or sign in with an access token' })).toBeVisible();
  await expect(page.getByLabel('Access token')).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a person signs in with their council account by keyboard and arrives where they were going', async ({ page }) => {
  await page.goto(`${server.url}/signin?next=/api/v1/me`);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Sign in with your council account' })).toBeFocused();
  await page.keyboard.press('Enter');
  // The provider's own sign-in and consent pages.
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`));
  await page.locator('input[name="login"]').fill('rachel');
  await page.locator('input[name="password"]').fill('any');
  await page.locator('input[name="password"]').press('Enter');
  await page.getByRole('button', { name: /continue/i }).press('Enter');
  await expect(page).toHaveURL(`${server.url}/api/v1/me`);
  expect(JSON.parse((await page.locator('body').textContent()) ?? '')).toEqual({ name: 'Rachel Sharma', role: 'social-worker' });
  const cookies = await page.context().cookies(server.url);
  expect(cookies.find((c) => c.name === 'edubridge_session')?.httpOnly).toBe(true);
});
