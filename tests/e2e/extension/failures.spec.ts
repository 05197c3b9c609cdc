import { expect, test } from './fixtures.ts';
import { apiFaults, badge, badgeShowsFigures, type Fault } from './harness.ts';
import { DEMO_PAGES } from './systems.ts';

/** When the API is down, slow, refuses or sends a body that fails the schema, the panel says so in plain
 * words and shows the last good data with its age; with nothing saved, it says so and shows no figures. */

const FAULTS: [Fault, RegExp][] = [
  ['offline', /Could not reach the education service/],
  ['server-error', /had a problem and could not answer \(error 500\)/],
  ['bad-body', /sent data that does not match what EduBridge expects/],
];

for (const [fault, words] of FAULTS) {
  test(`${fault}: says so and keeps showing the last good data with its age`, async ({ ext, demo, worker }) => {
    const faults = await apiFaults(ext.context, demo.url);
    const page = await ext.context.newPage();
    await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
    const frame = DEMO_PAGES.carepath.overlay(page);
    await badge(page).click();
    await expect(frame.locator('#eb-panel')).toContainText('Updated just now');
    faults.set(fault);
    await frame.getByRole('button', { name: 'Check for newer data' }).click();
    const problem = frame.locator('.problem');
    await expect(problem).toContainText(words);
    await expect(problem).toContainText(/Showing the last good data, saved just now \(as of \d+ \w+ \d{4}\)/);
    await expect(frame.locator('#eb-panel')).toContainText('Attendance');
    await expect(frame.locator('#eb-panel')).not.toContainText(/Error:|at \S+\.(js|ts):\d+|ZodError/);
    await expect.poll(() => badge(page).text()).toContain('(saved)');
  });
}

test('signed out (401): says so, and the saved figures are gone, not shown as "saved"', async ({ ext, demo, worker }) => {
  const faults = await apiFaults(ext.context, demo.url);
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  const frame = DEMO_PAGES.carepath.overlay(page);
  await badge(page).click();
  await expect(frame.locator('#eb-panel')).toContainText('Updated just now');
  faults.set('unauthorised');
  await frame.getByRole('button', { name: 'Check for newer data' }).click();
  await expect(frame.locator('.problem')).toContainText(/You are not signed in to the education service/);
  await expect(frame.locator('#eb-panel')).not.toContainText('Showing the last good data');
  await expect.poll(() => badge(page).text()).toContain('Education data unavailable');
  expect(await badge(page).text()).not.toMatch(/Attendance|%|saved/);
});

test('nothing saved and the service fails: the message, and no figures', async ({ ext, demo, worker }) => {
  const faults = await apiFaults(ext.context, demo.url);
  faults.set('server-error');
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  const frame = DEMO_PAGES.carepath.overlay(page);
  await expect.poll(() => badge(page).text()).toContain('Education data unavailable');
  await badge(page).click();
  await expect(frame.locator('.problem')).toContainText('(error 500)');
  await expect(frame.locator('#eb-panel')).not.toContainText('%');
});

test('slow: shows the saved copy at once, then says the service is taking too long', async ({ ext, demo, worker }) => {
  test.setTimeout(60_000);
  const faults = await apiFaults(ext.context, demo.url);
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  const frame = DEMO_PAGES.carepath.overlay(page);
  await badge(page).click();
  await expect(frame.locator('#eb-panel')).toContainText('Updated just now');
  faults.set('slow');
  await frame.getByRole('button', { name: 'Check for newer data' }).click();
  await expect(frame.locator('#eb-panel')).toContainText('checking for newer data');
  await expect(frame.locator('#eb-panel')).toContainText('Attendance');
  await expect(frame.locator('.problem')).toContainText('did not answer within 8 seconds', { timeout: 15_000 });
  await expect(frame.locator('.problem')).toContainText('Showing the last good data');
});

test('cache: an expired entry is not shown, and "Clear saved education data" purges', async ({ ext, demo, worker }) => {
  const faults = await apiFaults(ext.context, demo.url);
  const page = await ext.context.newPage();
  const [first, second] = worker.children;
  for (const id of [first!, second!]) {
    await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, id));
    await badgeShowsFigures(page);
  }
  // Age the first child's entry past the 24-hour lifetime, in the extension's own database.
  await ext.worker.evaluate(
    (personId) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('edubridge');
        open.onsuccess = () => {
          const tx = open.result.transaction('statuses', 'readwrite');
          const store = tx.objectStore('statuses');
          const get = store.get(personId);
          get.onsuccess = () => store.put({ ...get.result, fetchedAt: Date.now() - 25 * 3_600_000 });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    first!,
  );
  faults.set('offline');
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, first!));
  await expect.poll(() => badge(page).text()).toContain('Education data unavailable');
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, second!));
  await badgeShowsFigures(page);

  await ext.optionsPage.reload();
  await ext.optionsPage.getByRole('button', { name: 'Clear saved education data' }).click();
  await expect(ext.optionsPage.getByText('Saved education data was cleared.')).toBeVisible();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, second!));
  await expect.poll(() => badge(page).text()).toContain('Education data unavailable');
  expect((await ext.ask<{ cachedChildren: number }>({ type: 'popup' })).cachedChildren).toBe(0);
});
