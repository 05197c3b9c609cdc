import { expect, test } from '@playwright/test';
import { cohort, mount, openHarness, ORIGIN, richStatus } from './fixtures.ts';

test('reduced motion: the loading spinner stands still', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openHarness(page, { api: () => new Promise(() => undefined) });
  await mount(page, 'edu-attendance', { src: ORIGIN, 'child-id': 'C1' });
  const animation = await page.locator('edu-attendance .spinner').evaluate((spinner) => getComputedStyle(spinner).animationName);
  expect(animation).toBe('none');
});

test('forced colours: RAG badges keep a visible border, so the rating never rests on colour', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await openHarness(page);
  await mount(page, 'edu-child-summary', {}, { status: richStatus });
  const border = await page.locator('edu-child-summary .rag').first().evaluate((badge) => getComputedStyle(badge).borderTopStyle);
  expect(border).toBe('solid');
});

for (const [tag, property, value] of [
  ['edu-child-summary', 'status', richStatus],
  ['edu-cohort-table', 'children', cohort],
  ['edu-cohort-dashboard', 'children', cohort],
] as const) {
  test(`400% zoom (320 CSS pixels wide): ${tag} reflows without scrolling the page sideways`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await openHarness(page);
    await mount(page, tag, {}, { [property]: value });
    await page.waitForTimeout(300);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
  });
}
