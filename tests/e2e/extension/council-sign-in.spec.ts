import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { API_AUDIENCE, EXTENSION_CLIENT_ID, type TestProvider } from '../../unit/api/oidc-provider.ts';
import { startCouncilSignIn, type CouncilPerson, type CouncilSignIn } from '../fixtures/council-sign-in.ts';
import type { DemoServer } from '../fixtures/demo-server.ts';
import { badge, badgeShowsFigures, toolbarBadge } from './harness.ts';
import { launchWithExtension, type ExtensionBrowser } from './browser.ts';
import { DEMO_PAGES } from './systems.ts';

// Signing in with a council account, end to end in Chromium: a real OpenID provider (oidc-provider) started
// by the test, the demo server with `--oidc` trusting it, and the built extension, whose sign-in window
// (identity.launchWebAuthFlow) shows the provider's own login and consent pages, filled in here as a
// person would. The API then answers with the person's own children; the token is renewed before it
// expires; a refused token signs the person out and deletes what was saved.

test.describe.configure({ mode: 'serial' });

let ext: ExtensionBrowser;
let council: CouncilSignIn;
let provider: TestProvider;
let demo: DemoServer;
let person: CouncilPerson;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ext = await launchWithExtension();
  council = await startCouncilSignIn({ redirectUri: `https://${ext.extensionId}.chromiumapp.org/`, origin: `chrome-extension://${ext.extensionId}` }, ['chrome-extension://*']);
  ({ provider, demo, person } = council);
});

test.afterAll(async () => {
  await ext?.close();
  await council?.close();
});

async function optionsPage(): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
  return page;
}

/** What the background keeps in storage.session for the sign-in (the test reads it as the browser's automation can). */
function storedSignIn(): Promise<{ accessToken: string; expiresAt: number; obtainedAt: number } | undefined> {
  return ext.worker.evaluate(async () => (await chrome.storage.session.get('councilSignIn')).councilSignIn as never);
}

/** Fills in the provider's login and consent pages in the sign-in window. */
async function signInAtProvider(window: Page, login: string): Promise<void> {
  await window.waitForLoadState();
  await window.locator('input[name="login"]').fill(login);
  await window.locator('input[name="password"]').fill('any password');
  await window.locator('button[type="submit"]').click();
  await window.getByRole('button', { name: /continue/i }).click();
}

test('signs in through the provider’s own pages, and the API shows the person’s own child', async () => {
  const options = await optionsPage();
  await options.getByLabel('API address').fill(`${demo.url}/`);
  await options.getByLabel('How to sign in').selectOption('oidc');
  await options.getByLabel('Identity provider (issuer)').fill(provider.issuer);
  await options.getByLabel('EduBridge’s client ID at the provider').fill(EXTENSION_CLIENT_ID);
  await options.getByLabel('API resource (only if your provider needs one)').fill(API_AUDIENCE);
  const opened = ext.context.waitForEvent('page', { predicate: (page) => page.url().startsWith(provider.issuer) });
  await options.getByRole('button', { name: 'Sign in with your council account' }).click();
  await signInAtProvider(await opened, person.login);
  await expect(options.locator('#account-message')).toHaveText(`Signed in as ${person.name}.`, { timeout: 20_000 });
  // The redirect address to register with the provider is shown, and the form passes axe.
  await expect(options.getByText(`https://${ext.extensionId}.chromiumapp.org/`)).toBeVisible();
  expect((await new AxeBuilder({ page: options }).analyze()).violations).toEqual([]);

  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, person.children[0]!));
  await badgeShowsFigures(page);
  // The API's audit log names the person the provider signed in: the request carried their token.
  const audit = (await readFile(demo.auditFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { user: string; personId?: string });
  expect(audit.some((entry) => entry.user === person.name)).toBe(true);
});

test('renews the access token with the refresh token before it expires, and the API accepts the new one', async () => {
  test.setTimeout(120_000);
  const first = await storedSignIn();
  expect(first).toBeDefined();
  // The renewal alarm fires half-way through this short token's life: wait for it, not for a time.
  await expect.poll(async () => (await storedSignIn())?.accessToken, { timeout: 90_000, intervals: [1_000] }).not.toBe(first!.accessToken);
  const renewed = (await storedSignIn())!;
  expect(renewed.obtainedAt).toBeLessThan(first!.expiresAt);
  expect(renewed.expiresAt).toBeGreaterThan(first!.expiresAt);
  const before = (await readFile(demo.auditFile, 'utf8')).trim().split('\n').length;
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, person.children[1]!));
  await badgeShowsFigures(page);
  const lines = (await readFile(demo.auditFile, 'utf8')).trim().split('\n').slice(before).map((line) => JSON.parse(line) as { user: string });
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((entry) => entry.user === person.name)).toBe(true);
});

test('a token the API refuses signs the person out: the saved data is deleted and the toolbar button and popup say so', async () => {
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, person.children[0]!));
  await badgeShowsFigures(page);
  // The access token is swapped for one signed with another key (as if the provider's keys had changed):
  // the API refuses it.
  const forged = await provider.forge({ sub: person.login, email: person.email, name: person.name }, { otherKey: true });
  await ext.worker.evaluate(async (token) => {
    const { councilSignIn } = await chrome.storage.session.get('councilSignIn');
    await chrome.storage.session.set({ councilSignIn: { ...(councilSignIn as object), accessToken: token } });
  }, forged);
  // A child not looked at yet, so the extension asks the API.
  const next = await ext.context.newPage();
  await next.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, person.children[2]!));
  await expect.poll(() => badge(next).label(), { timeout: 15_000 }).toMatch(/signed out/i);
  expect(await storedSignIn()).toBeUndefined();
  expect(await ext.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('!');
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  const account = popup.getByRole('region', { name: 'Your council account' });
  await expect(account.getByRole('alert')).toContainText('did not accept your council sign-in');
  await expect(popup.getByText('0 children saved on this computer.')).toBeVisible();
  expect((await new AxeBuilder({ page: popup }).analyze()).violations).toEqual([]);
  // The first page's badge no longer shows the child's figures.
  await expect.poll(() => badge(page).text(), { timeout: 10_000 }).not.toMatch(/Attendance /);
  expect(await toolbarBadge(ext, next)).not.toMatch(/^\d+$/);
});

test('signs in again from the popup (the provider remembers the person: no login page), then signs out: the tokens and saved data are gone', async () => {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  const account = popup.getByRole('region', { name: 'Your council account' });
  await account.getByRole('button', { name: 'Sign in with your council account' }).click();
  await expect(account).toContainText(`Signed in as ${person.name}.`, { timeout: 20_000 });
  expect(await ext.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, person.children[0]!));
  await badgeShowsFigures(page);

  await popup.reload();
  await popup.getByRole('button', { name: 'Sign out and clear saved data' }).click();
  await expect(popup.getByRole('region', { name: 'Your council account' }).getByRole('alert')).toContainText('You are signed out');
  expect(await storedSignIn()).toBeUndefined();
  await expect(popup.getByText('0 children saved on this computer.')).toBeVisible();
});
