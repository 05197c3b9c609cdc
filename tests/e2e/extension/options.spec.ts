import { expect, test } from './fixtures.ts';
import { badgeShowsFigures } from './harness.ts';
import { DEMO_PAGES } from './systems.ts';

/** The options page: a first configuration says "Saved.", and "Test the connection" says what happened. */

test('a first configuration from the options form says "Saved." and the badge appears', async ({ ext, demo, worker }) => {
  // As installed: the demo's default address, the browser's sign-in, no token.
  await ext.ask({ type: 'signout' });
  await ext.ask({ type: 'settings:set', patch: { apiBaseUrl: 'http://localhost:5177/', authMode: 'cookie' } });
  const options = ext.optionsPage;
  await options.reload();
  await options.getByLabel('API address').fill(`${demo.url}/`);
  await options.getByLabel('How to sign in').selectOption('token');
  await options.getByLabel(/Access token/).fill(worker.token);
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByText('Saved.')).toBeVisible();
  await expect(options.getByLabel('API address')).toHaveValue(`${demo.url}/`);
  await expect(options.getByLabel(/Access token \(one is set/)).toHaveValue('');
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[1]!));
  await badgeShowsFigures(page);
});

test('"Test the connection" says who is signed in, or in plain words why not, and saves nothing', async ({ ext, demo, worker }) => {
  const options = ext.optionsPage;
  await options.reload();
  const host = new URL(demo.url).host;
  const result = options.locator('#connection-test');
  const testIt = async () => {
    const before = await result.textContent();
    await options.getByRole('button', { name: 'Test the connection' }).click();
    await expect(result).not.toHaveText(before ?? '');
    await expect(result).not.toHaveText(/^Testing/);
    return result;
  };
  await expect(await testIt()).toHaveText(`Connected to the education service at ${host}, signed in as ${worker.name} (social worker).`);

  // A token typed but not saved is what is tested.
  await options.getByLabel(/Access token/).fill('not-the-right-token-at-all');
  await expect(await testIt()).toHaveText(`Reached ${host}, but it did not accept the access token. Check the token, or ask for a new one.`);
  await options.getByLabel(/Access token/).fill('');

  // A service that does not list the extension among its allowed origins answers 403 with its problem.
  await ext.context.route(`${demo.url}/api/v1/me`, (route) =>
    route.fulfill({ status: 403, contentType: 'application/problem+json', body: JSON.stringify({ type: 'urn:edubridge:problem:origin-not-allowed', title: 'This web page may not use the service', status: 403 }) }),
  );
  await expect(await testIt()).toHaveText(`Reached ${host}, but it refused EduBridge: the service must allow this extension (chrome-extension://${ext.extensionId}). Ask your council’s IT support.`);
  await ext.context.unroute(`${demo.url}/api/v1/me`);

  await options.getByLabel('API address').fill(`${demo.url}/cms/`);
  await expect(await testIt()).toHaveText(`Reached ${host}, but it is not an EduBridge education service (the API was not at /api/v1). Check the address.`);
  await options.getByLabel('API address').fill('http://localhost:9/');
  await expect(await testIt()).toHaveText(/^Could not reach localhost:9\. Check the address/);
  await options.getByLabel('API address').fill('not an address');
  await expect(await testIt()).toHaveText('“not an address” is not a web address. It looks like https://education.council.example/');

  // Testing saved nothing.
  const view = await ext.ask<{ settings: { apiBaseUrl: string; tokenSet: boolean } }>({ type: 'settings:get' });
  expect(view.settings).toMatchObject({ apiBaseUrl: `${demo.url}/`, tokenSet: true });
});
