import { access, constants, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { EXTENSION_DIR } from './browser.ts';
import { expect, test } from './fixtures.ts';
import { badge, badgeShowsFigures } from './harness.ts';
import { DEMO_PAGES } from './systems.ts';

/**
 * Settings an organisation sets by enterprise policy override and lock the options. Chromium reads
 * managed policy from /etc/chromium/policies/managed/ (Debian's build); the test writes a policy for a
 * private copy of the extension (its own extension id), so no other browser under test is affected.
 */
const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

async function canWritePolicy(): Promise<boolean> {
  try {
    await mkdir(POLICY_DIR, { recursive: true });
    await access(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chromium's id for an unpacked extension: the SHA-256 of its path, first 32 hex digits as a–p. */
function unpackedId(path: string): string {
  return [...createHash('sha256').update(path).digest('hex').slice(0, 32)].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

test('settings set by policy override and lock the options, and are what the extension uses', async ({ demo, worker }) => {
  test.skip(!(await canWritePolicy()), `needs write access to ${POLICY_DIR} (run as root, as CI does)`);
  const copy = await mkdtemp(join(tmpdir(), 'edubridge-policy-ext-'));
  await cp(EXTENSION_DIR, copy, { recursive: true });
  const id = unpackedId(copy);
  const policyFile = join(POLICY_DIR, `edubridge-test-${id}.json`);
  await writeFile(
    policyFile,
    JSON.stringify({ '3rdparty': { extensions: { [id]: { apiBaseUrl: `${demo.url}/`, authMode: 'token', token: worker.token, maxCacheHours: 4 } } } }),
  );
  const userData = await mkdtemp(join(tmpdir(), 'edubridge-policy-profile-'));
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [`--disable-extensions-except=${copy}`, `--load-extension=${copy}`, '--no-first-run', '--disable-sync'],
  });
  try {
    const worker_ = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    expect(new URL(worker_.url()).host).toBe(id);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    await expect(options.getByLabel('API address')).toBeDisabled();
    await expect(options.getByLabel('API address')).toHaveValue(`${demo.url}/`);
    await expect(options.getByLabel('How to sign in')).toBeDisabled();
    await expect(options.getByLabel(/Access token/)).toBeDisabled();
    await expect(options.getByText('Set by your organisation.')).toHaveCount(3);
    await expect(options.getByLabel(/Keep fetched data for \(hours, at most 4\)/)).toHaveValue('4');
    // The background refuses a locked field even if asked directly.
    const refused = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'settings:set', patch: { apiBaseUrl: 'https://elsewhere.example/' } }));
    expect(refused).toEqual({ refused: 'apiBaseUrl: set by your organisation' });
    // With no user settings at all, the organisation's API address and token are what it uses.
    const page = await context.newPage();
    await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
    await badgeShowsFigures(page);
  } finally {
    await context.close();
    await rm(policyFile, { force: true });
    await rm(copy, { recursive: true, force: true });
    await rm(userData, { recursive: true, force: true });
  }
});

test('the options page sets the API address and token; a bad address is refused with the field named', async ({ ext, demo, worker }) => {
  const options = ext.optionsPage;
  await options.reload();
  await options.getByLabel('API address').fill('not an address');
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status').first()).toContainText('apiBaseUrl');
  await options.getByLabel('API address').fill(`${demo.url}/`);
  await options.getByLabel('How to sign in').selectOption('token');
  await options.getByLabel(/Access token/).fill(worker.token);
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByText('Saved.')).toBeVisible();
  await expect(options.getByLabel(/Access token \(one is set/)).toHaveValue('');
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[1]!));
  await badgeShowsFigures(page);
});

test("cookie sign-in: with the browser signed in to the service, no token is needed", async ({ ext, demo, worker }) => {
  await ext.ask({ type: 'settings:set', patch: { authMode: 'cookie' } });
  await ext.ask({ type: 'signout' }); // forgets the token, clears saved data
  const page = await ext.context.newPage();
  const frame = DEMO_PAGES.carepath.overlay(page);
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  await expect.poll(() => badge(page).text()).toContain('Education data unavailable');
  await badge(page).click();
  await expect(frame.locator('.problem')).toContainText('You are not signed in');
  await page.goto(`${demo.url}/signin`);
  await page.getByLabel(/token/i).fill(worker.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  await expect(frame.locator('#eb-panel')).toContainText('This school year');
  await expect(frame.locator('.problem')).toHaveCount(0);
});
