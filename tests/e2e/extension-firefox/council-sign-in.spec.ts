import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { API_AUDIENCE, EXTENSION_CLIENT_ID, type TestProvider } from '../../unit/api/oidc-provider.ts';
import { startCouncilSignIn, type CouncilPerson, type CouncilSignIn } from '../fixtures/council-sign-in.ts';
import type { DemoServer } from '../fixtures/demo-server.ts';
import { DEMO_PAGES } from '../extension/systems.ts';
import { EXTENSION_ORIGIN, launchFirefox, until, type BrowsingContextInfo, type FirefoxWithExtension } from './firefox.ts';
import { badgeUntil, control, openTab, tab, type Control } from './harness.ts';

// Signing in with a council account in Firefox ESR: the same real OpenID provider and `--oidc` demo server
// as the Chromium test, and Firefox's own sign-in window (identity.launchWebAuthFlow, redirecting to the
// add-on's https://<hash>.extensions.allizom.org/ address), driven over WebDriver BiDi.

test.describe.configure({ mode: 'serial' });

type SessionApi = { browser: { storage: { session: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } }; action: { getBadgeText(d: object): Promise<string> } } };

let firefox: FirefoxWithExtension;
let options: Control;
let council: CouncilSignIn;
let provider: TestProvider;
let demo: DemoServer;
let person: CouncilPerson;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  firefox = await launchFirefox();
  options = control(firefox, await firefox.openExtensionPage('options.html'));
  const redirect = await options.inExtension(() => (globalThis as unknown as { browser: { identity: { getRedirectURL(): string } } }).browser.identity.getRedirectURL(), []);
  council = await startCouncilSignIn({ redirectUri: redirect, origin: EXTENSION_ORIGIN }, ['moz-extension://*']);
  ({ provider, demo, person } = council);
});

test.afterAll(async () => {
  await firefox?.close();
  await council?.close();
});

test('signs in through the provider’s pages in Firefox’s sign-in window, and the API shows the person’s own child', async () => {
  test.setTimeout(90_000);
  const page = tab(firefox, options.page);
  await options.ask({ type: 'settings:set', patch: { apiBaseUrl: `${demo.url}/`, authMode: 'oidc', oidcIssuer: provider.issuer, oidcClientId: EXTENSION_CLIENT_ID, oidcResource: API_AUDIENCE } });
  await firefox.gotoExtensionPage(page.page, 'options.html');
  await page.page.waitForSelector('#oidc-issuer');
  const button = await page.page.waitForSelector('xpath/.//button[contains(., "Sign in with your council account")]');
  await button!.click();
  // Firefox opens its sign-in window: a new top-level browsing context at the provider.
  const window = await until(
    'the sign-in window',
    async () => (await firefox.bidi.send<{ contexts: BrowsingContextInfo[] }>('browsingContext.getTree', {})).contexts.find((context) => context.url.startsWith(provider.issuer)),
    (found) => found !== undefined,
    20_000,
  ).catch(async (error: Error) => {
    throw new Error(`${error.message}; contexts: ${JSON.stringify(await firefox.bidi.send('browsingContext.getTree', {}))}`);
  });
  await signInAtProvider(window!.context, person.login);
  const message = () => page.asPage(() => document.querySelector('#account-message')?.textContent ?? '', []);
  expect(await until('the sign-in to finish', message, (text) => !text.startsWith('Signing in'), 20_000)).toBe(`Signed in as ${person.name}.`);

  const child = await openTab(firefox, DEMO_PAGES.carepath.child(demo.cmsUrl, person.children[0]!));
  await badgeUntil(child, (badge) => /Attendance /.test(badge.text));
  // The API's audit log names the person the provider signed in: the request carried their token.
  const audit = (await readFile(demo.auditFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { user: string });
  expect(audit.some((entry) => entry.user === person.name)).toBe(true);
});

/** What the background keeps in storage.session for the sign-in (read from the options page, an extension page). */
function storedSignIn(): Promise<{ accessToken: string; obtainedAt: number; expiresAt: number } | null> {
  return options.inExtension(async () => ((await (globalThis as unknown as SessionApi).browser.storage.session.get('councilSignIn')).councilSignIn ?? null) as never, []);
}

test('renews the access token before it expires, and the API accepts the new one', async () => {
  test.setTimeout(90_000);
  const first = (await storedSignIn())!;
  expect(first).not.toBeNull();
  const renewed = await until('the renewal', storedSignIn, (now) => now !== null && now.accessToken !== first.accessToken, 75_000);
  expect(renewed!.obtainedAt).toBeLessThan(first.expiresAt);
  const since = new Date().toISOString();
  const child = await openTab(firefox, DEMO_PAGES.carepath.child(demo.cmsUrl, person.children[1]!));
  await badgeUntil(child, (badge) => /Attendance /.test(badge.text));
  const lines = (await readFile(demo.auditFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { user: string; time: string }).filter((line) => line.time >= since);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((line) => line.user === person.name)).toBe(true);
});

test('a token the API refuses signs the person out, deletes the saved data, and the toolbar button says so', async () => {
  const forged = await provider.forge({ sub: person.login, email: person.email, name: person.name }, { otherKey: true });
  await options.inExtension(async (token: string) => {
    const session = (globalThis as unknown as SessionApi).browser.storage.session;
    const { councilSignIn } = await session.get('councilSignIn');
    await session.set({ councilSignIn: { ...(councilSignIn as object), accessToken: token } });
  }, [forged]);
  const child = await openTab(firefox, DEMO_PAGES.carepath.child(demo.cmsUrl, person.children[2]!));
  await badgeUntil(child, (badge) => /signed out/i.test(badge.label));
  expect(await storedSignIn()).toBeNull();
  expect(await options.inExtension(() => (globalThis as unknown as SessionApi).browser.action.getBadgeText({}), [])).toBe('!');
  const popup = await firefox.openExtensionPage('popup.html');
  const text = () => tab(firefox, popup).asPage(() => document.body.innerText, []);
  const shown = await until('the popup', text, (t) => t.includes('children saved'));
  expect(shown).toContain('did not accept your council sign-in');
  expect(shown).toContain('0 children saved on this computer.');
});

/** Fills in the provider's login and consent pages in the sign-in window, as a person would. */
async function signInAtProvider(context: string, login: string): Promise<void> {
  const atPrompt = (prompt: string) =>
    until(
      `the provider's ${prompt} page`,
      () => firefox.bidi.call(context, () => `${document.readyState} ${(document.querySelector('input[name="prompt"]') as HTMLInputElement | null)?.value ?? ''}`, []),
      (state) => state === `complete ${prompt}`,
    );
  await atPrompt('login');
  await firefox.bidi.call(
    context,
    (name: string) => {
      (document.querySelector('input[name="login"]') as HTMLInputElement).value = name;
      (document.querySelector('input[name="password"]') as HTMLInputElement).value = 'any password';
      (document.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    },
    [login],
  );
  await atPrompt('consent');
  await firefox.bidi.call(context, () => (document.querySelector('button[type="submit"]') as HTMLButtonElement).click(), []);
}
