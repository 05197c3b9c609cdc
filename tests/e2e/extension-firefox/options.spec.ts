import { DEMO_PAGES } from '../extension/systems.ts';
import { expect, test } from './fixtures.ts';
import { until } from './firefox.ts';
import { badgeUntil, openTab, readBadge, tab } from './harness.ts';

/** The options page in Firefox: allowing a site, a first configuration, and testing the connection. */

type Api = { browser: { permissions: { remove(p: { origins: string[] }): Promise<boolean>; getAll(): Promise<{ origins?: string[] }> }; scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } } };

test('a site allowed with its port gets the badge: Firefox match patterns cannot name a port', async ({ ff, demo, worker }) => {
  const options = tab(ff, ff.control.page);
  // Start from a browser that has not granted the case-management site (the demo build grants it at install).
  await ff.control.inExtension(() => (globalThis as unknown as Api).browser.permissions.remove({ origins: ['http://127.0.0.1/*'] }), []);
  const registered = () => ff.control.inExtension(async () => ((await (globalThis as unknown as Api).browser.scripting.getRegisteredContentScripts())[0]?.matches ?? []).join(' '), []);
  await until('the content script to leave 127.0.0.1', registered, (matches) => !matches.includes('127.0.0.1'));
  const url = DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!);
  const before = await openTab(ff, url);
  await before.page.waitForSelector('.cp-person-name');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await readBadge(before)).toBeNull();
  await before.close();

  await ff.gotoExtensionPage(options.page, 'options.html');
  await options.page.waitForSelector('#site');
  await options.page.type('#site', demo.cmsUrl);
  await options.page.click('form[aria-labelledby="permissions"] button[type="submit"]');
  const status = () => options.asPage(() => document.querySelector('form[aria-labelledby="permissions"] [role=status]')?.textContent ?? '', []);
  expect(await until('the answer', status, (text) => text.length > 0)).toBe('EduBridge may now run on http://127.0.0.1 (on any port: this browser cannot limit a site to one port).');
  const granted = await ff.control.inExtension(async () => (await (globalThis as unknown as Api).browser.permissions.getAll()).origins ?? [], []);
  expect(granted).toContain('http://127.0.0.1/*');
  await until('the content script to run on 127.0.0.1', registered, (matches) => matches.includes('http://127.0.0.1/*'));

  const after = await openTab(ff, url);
  await badgeUntil(after, (b) => /Attendance /.test(b.text));
});

/** The options form's parts, as a person finds them. */
const CONNECTION = 'form[aria-labelledby="connection"]';
const savedMessage = (t: ReturnType<typeof tab>) => t.asPage((form: string) => document.querySelector(`${form} p[role=status]:not(#connection-test)`)?.textContent ?? '', [CONNECTION]);
const testMessage = (t: ReturnType<typeof tab>) => t.asPage(() => document.querySelector('#connection-test')?.textContent ?? '', []);

test('a first configuration from the options form says "Saved." and the badge appears', async ({ ff, demo, worker }) => {
  // As installed: the demo's default address, the browser's sign-in, no token.
  await ff.control.ask({ type: 'signout' });
  await ff.control.ask({ type: 'settings:set', patch: { apiBaseUrl: 'http://localhost:5177/', authMode: 'cookie' } });
  const options = tab(ff, ff.control.page);
  await ff.gotoExtensionPage(options.page, 'options.html');
  await options.page.waitForSelector('#api');
  await options.page.click('#api', { count: 3 });
  await options.page.type('#api', `${demo.url}/`);
  await options.page.select('#auth', 'token');
  await options.page.type('#token', worker.token);
  await options.page.click(`${CONNECTION} button[type="submit"]`);
  expect(await until('"Saved."', () => savedMessage(options), (text) => text !== '')).toBe('Saved.');
  // The form keeps what was typed (the token field empties: it is never shown again).
  expect(await options.asPage(() => [(document.querySelector('#api') as HTMLInputElement).value, (document.querySelector('#token') as HTMLInputElement).value, document.querySelector('label[for=token]')?.textContent ?? ''], [])).toEqual([
    `${demo.url}/`,
    '',
    'Access token (one is set; type to replace it)',
  ]);
  const view = await ff.control.ask<{ settings: { apiBaseUrl: string; authMode: string; tokenSet: boolean } }>({ type: 'settings:get' });
  expect(view.settings).toMatchObject({ apiBaseUrl: `${demo.url}/`, authMode: 'token', tokenSet: true });
  const t = await openTab(ff, DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[1]!));
  await badgeUntil(t, (b) => /Attendance /.test(b.text));
});

test('"Test the connection" says who is signed in, or in plain words why not, and saves nothing', async ({ ff, demo, worker }) => {
  const options = tab(ff, ff.control.page);
  await ff.gotoExtensionPage(options.page, 'options.html');
  await options.page.waitForSelector('#api');
  const testWith = async (address: string | null, token?: string) => {
    if (address !== null) {
      await options.page.click('#api', { count: 3 });
      await options.page.type('#api', address);
    }
    if (token !== undefined) await options.page.type('#token', token);
    const before = await testMessage(options);
    await options.page.click('xpath///button[normalize-space()="Test the connection"]');
    return until('the test', () => testMessage(options), (text) => text !== before && text !== '' && !text.startsWith('Testing'));
  };
  const host = new URL(demo.url).host;
  // The saved settings: the demo social worker's token.
  expect(await testWith(null)).toBe(`Connected to the education service at ${host}, signed in as ${worker.name} (social worker).`);
  expect(await testWith(null, 'not-the-right-token-at-all')).toBe(`Reached ${host}, but it did not accept the access token. Check the token, or ask for a new one.`);
  await options.page.click('#token', { count: 3 });
  await options.page.keyboard.press('Backspace');
  expect(await testWith(`${demo.url}/cms/`)).toBe(`Reached ${host}, but it is not an EduBridge education service (the API was not at /api/v1). Check the address.`);
  expect(await testWith('http://localhost:9/')).toMatch(/^Could not reach localhost:9\. Check the address/);
  // Nothing was saved by testing.
  const view = await ff.control.ask<{ settings: { apiBaseUrl: string; tokenSet: boolean } }>({ type: 'settings:get' });
  expect(view.settings).toMatchObject({ apiBaseUrl: `${demo.url}/`, tokenSet: true });
  const t = await openTab(ff, DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[2]!));
  await badgeUntil(t, (b) => /Attendance /.test(b.text));
});
