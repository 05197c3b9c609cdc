import { expect, test } from '@playwright/test';
import { mount, openHarness, richStatus } from './fixtures.ts';

const TWO_COPIES = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Two copies of the widgets</title>
  <script type="module" src="/dist/edubridge-widgets.js"></script>
  <script type="module" src="/dist/edubridge-widgets.js?second-copy"></script>
  <script type="module" src="/dist/esm/edu-child-summary.js"></script>
  <script type="module" src="/dist/esm/edu-cohort-table.js"></script></head>
  <body><main><h1>Two copies of the widgets</h1><div id="host"></div></main></body>
</html>`;

test('two copies of the bundle and the per-component modules on one page do not crash', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openHarness(page, { html: TWO_COPIES });
  await page.waitForLoadState('networkidle');
  await mount(page, 'edu-child-summary', {}, { status: richStatus });
  await expect(page.locator('edu-child-summary').getByRole('heading', { name: richStatus.child.displayName, exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the per-component module registers only its own element and those it uses', async ({ page }) => {
  await openHarness(page, {
    html: `<!doctype html><html lang="en"><head><title>One component</title><script type="module" src="/dist/esm/edu-exclusions.js"></script></head><body><main><h1>One</h1><div id="host"></div></main></body></html>`,
    ready: 'edu-exclusions',
  });
  expect(await page.evaluate(() => ['edu-exclusions', 'edu-attendance', 'edu-cohort-table'].map((tag) => Boolean(customElements.get(tag))))).toEqual([true, false, false]);
  await mount(page, 'edu-exclusions', {}, { status: richStatus });
  await expect(page.locator('edu-exclusions').getByRole('heading', { name: 'Suspensions and exclusions' })).toBeVisible();
});

test('<edu-child-summary>’s module registers the summary alone: it draws every section itself', async ({ page }) => {
  await openHarness(page, {
    html: `<!doctype html><html lang="en"><head><title>One component</title><script type="module" src="/dist/esm/edu-child-summary.js"></script></head><body><main><h1>One</h1><div id="host"></div></main></body></html>`,
    ready: 'edu-child-summary',
  });
  expect(await page.evaluate(() => ['edu-child-summary', 'edu-attendance', 'edu-attainment', 'edu-exclusions', 'edu-pep-status'].map((tag) => Boolean(customElements.get(tag))))).toEqual([true, false, false, false, false]);
  await mount(page, 'edu-child-summary', {}, { status: richStatus });
  await expect(page.locator('edu-child-summary').getByRole('heading', { name: richStatus.child.displayName, exact: true })).toBeVisible();
});
