import { expect, test, type Page, type Request } from '@playwright/test';
import { EducationStatus } from '../../../core/model/status.ts';
import { registerLanguage } from '../../../core/presentation/languages.ts';
import { describeSections } from '../../../core/presentation/sections.ts';
import { WELSH } from '../../../core/presentation/welsh.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { WELSH_FILE } from '../../../widgets/components.ts';
import { AS_OF, ORIGIN, cohort, mount, openHarness, records, richStatus } from './fixtures.ts';
import { collectEvents, events, expectNoAxeViolations } from './helpers.ts';

/**
 * Welsh is fetched only by pages that show it: the widgets' Welsh strings and core's Welsh labels and next
 * steps are one chunk (`chunks/welsh-*.js` beside the per-component modules, `edubridge-widgets-cy.js`
 * beside the single bundle), requested the first time an element's language is Welsh. Until it lands the
 * element shows its loading state, marked as English, and never its data in English.
 */

registerLanguage('cy', WELSH);
const record = records.find((candidate) => candidate.identity.personId === richStatus.child.personId)!;
const welshStatus = EducationStatus.parse(deriveStatus(record, { asOf: AS_OF, language: 'cy' }));
const welshSections = describeSections(welshStatus);
const englishSections = describeSections(richStatus);
const firstStep = welshSections.todo.find((item) => item.flagKey !== undefined)!;

const isWelshChunk = (url: URL | string): boolean => {
  const href = String(url);
  return /\/dist\/esm\/chunks\/welsh-[\w-]+\.js$/.test(href) || href.endsWith(`/dist/${WELSH_FILE}`);
};

const portal = (lang: string, script: string): string =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Portal</title><script type="module" src="${script}"></script></head><body><main><h1>Portal</h1><div id="host"></div></main></body></html>`;

/** Every request the page makes for the Welsh, from now on. */
function watchWelsh(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (isWelshChunk(request.url())) seen.push(request);
  });
  return seen;
}

for (const { name, script } of [
  { name: 'the per-component module', script: '/dist/esm/edu-child-summary.js' },
  { name: 'the single bundle', script: '/dist/edubridge-widgets.js' },
]) {
  test.describe(`<edu-child-summary> from ${name}`, () => {
    test('an English page never requests the Welsh, and no script it loads carries any', async ({ page }) => {
      const welsh = watchWelsh(page);
      const scripts: Promise<string>[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('.js')) scripts.push(response.text());
      });
      await openHarness(page, { html: portal('en', script), ready: 'edu-child-summary' });
      await mount(page, 'edu-child-summary', {}, { status: richStatus });
      const element = page.locator('edu-child-summary');
      await expect(element.getByRole('heading', { name: englishSections.headings.todo })).toBeVisible();
      await mount(page, 'edu-child-summary', { src: ORIGIN, 'child-id': 'C-404' });
      await expect(element.getByRole('alert')).toContainText('There is no education record for child C-404');
      expect(welsh.map((request) => request.url())).toEqual([]);
      const loaded = await Promise.all(scripts);
      expect(loaded.length).toBeGreaterThan(0);
      for (const code of loaded) expect(code).not.toMatch(/Beth sydd angen ei wneud|Rhoi cynnig arall arni/);
    });

    test('a Welsh page shows Welsh: the labels, the next steps and the widget’s own words, fetched once', async ({ page }) => {
      const welsh = watchWelsh(page);
      await openHarness(page, { html: portal('cy', script), ready: 'edu-child-summary' });
      await mount(page, 'edu-child-summary', {}, { status: welshStatus });
      const element = page.locator('edu-child-summary');
      await expect(element.getByRole('heading', { name: 'Beth sydd angen ei wneud' })).toBeVisible();
      await expect(element.locator('[part~="todo"]').first()).toContainText(firstStep.text);
      await expect(element.getByRole('button', { name: 'Argraffu neu gadw fel PDF' })).toBeVisible();
      await expect(element).not.toContainText(englishSections.headings.todo);
      await expectNoAxeViolations(page);
      // A second element, and an error in Welsh, without fetching the Welsh again.
      await mount(page, 'edu-child-summary', { src: ORIGIN, 'child-id': 'C-404' });
      await expect(element.getByRole('alert')).toContainText('Nid oes cofnod addysg y gallwch ei weld ar gyfer plentyn C-404');
      expect(welsh).toHaveLength(1);
    });
  });
}

/** A Welsh page whose Welsh chunk is held back until `release()` is called; its events collected. */
async function welshPageWithTheWelshHeld(page: Page): Promise<() => void> {
  await openHarness(page, { html: portal('cy', '/dist/esm/edu-child-summary.js'), ready: 'edu-child-summary' });
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(isWelshChunk, async (route) => {
    await held;
    await route.fallback();
  });
  await collectEvents(page);
  return release;
}

test('until the Welsh lands: the loading state, marked as English, never the status in English; then Welsh', async ({ page }) => {
  const release = await welshPageWithTheWelshHeld(page);
  await mount(page, 'edu-child-summary', {}, { status: welshStatus });
  const element = page.locator('edu-child-summary');
  const loading = element.getByRole('status');
  await expect(loading).toContainText('Loading the education status');
  await expect(loading).toHaveAttribute('lang', 'en');
  // The status has been checked by now (zod's chunk is not held), yet nothing of it is drawn in English.
  await page.waitForTimeout(300);
  await expect(element).not.toContainText(englishSections.headings.todo);
  await expect(element).not.toContainText(welshStatus.child.displayName);
  await expectNoAxeViolations(page);
  release();
  await expect(element.getByRole('heading', { name: 'Beth sydd angen ei wneud' })).toBeVisible();
  await expect(element.getByRole('status')).toHaveCount(0);
});

test('an error while the Welsh is on its way is announced in Welsh once it lands', async ({ page }) => {
  const release = await welshPageWithTheWelshHeld(page);
  await mount(page, 'edu-child-summary', { src: ORIGIN, 'child-id': 'C-404' });
  await page.waitForTimeout(300);
  expect((await events(page)).filter((event) => event.type === 'edu-error')).toEqual([]);
  release();
  await expect(page.locator('edu-child-summary').getByRole('alert')).toContainText('Nid oes cofnod addysg');
  const errors = (await events(page)).filter((event) => event.type === 'edu-error');
  expect(errors).toHaveLength(1);
  expect(errors[0]!.detail).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/^Nid oes cofnod addysg/) });
});

test('when the Welsh cannot be fetched: an error with Try again (marked as English), which fetches it again', async ({ page }) => {
  await openHarness(page, { html: portal('cy', '/dist/esm/edu-attendance.js'), ready: 'edu-attendance' });
  let fail = true;
  await page.route(isWelshChunk, (route) => (fail ? route.abort('failed') : route.fallback()));
  await mount(page, 'edu-attendance', {}, { status: welshStatus });
  const element = page.locator('edu-attendance');
  const alert = element.getByRole('alert');
  await expect(alert).toContainText('could not be reached');
  await expect(alert).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page);
  fail = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(element.getByRole('heading', { name: 'Presenoldeb', exact: true })).toBeVisible();
});

test('a page that turns Welsh fetches the Welsh then, and the cohort table follows', async ({ page }) => {
  const welsh = watchWelsh(page);
  await openHarness(page);
  await mount(page, 'edu-cohort-table', {}, { children: cohort.slice(0, 5) });
  const table = page.locator('edu-cohort-table');
  await expect(table.getByRole('columnheader', { name: /Needs action/ })).toBeVisible();
  expect(welsh).toHaveLength(0);
  await page.evaluate(() => document.documentElement.setAttribute('lang', 'cy'));
  await expect(table.getByRole('columnheader', { name: /Angen gweithredu/ })).toBeVisible();
  expect(welsh.map((request) => new URL(request.url()).pathname)).toEqual([`/dist/${WELSH_FILE}`]);
});
